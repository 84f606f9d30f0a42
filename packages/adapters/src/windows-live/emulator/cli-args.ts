import { parseArgs } from 'node:util';
import { generateContacts } from '../../fixtures/generate-contacts.js';
import { startWindowsLiveEmulator } from './server.js';
import type { WindowsLiveEmulator } from './types.js';

/**
 * The command line's work, apart from printing and signals so it can be tested in-process:
 * `--port N --seed N [--persist file.json] [--lid hex16] [--token t] [--calls-per-second N|off]`.
 * Returns the emulator and the one JSON line to print: { url, lid, cid, token, readOnlyToken }.
 */
export async function startFromArgs(args: readonly string[]): Promise<{ readonly emulator: WindowsLiveEmulator; readonly line: string }> {
  const { values } = parseArgs({
    args: [...args],
    options: {
      port: { type: 'string', default: '0' },
      seed: { type: 'string', default: '0' },
      persist: { type: 'string' },
      lid: { type: 'string' },
      token: { type: 'string' },
      'calls-per-second': { type: 'string' },
    },
  });
  const port = Number(values.port);
  const seed = Number(values.seed);
  if (!Number.isInteger(port) || port < 0 || !Number.isInteger(seed) || seed < 0) throw new Error('--port and --seed take whole numbers');
  const rate = values['calls-per-second'];
  const callsPerSecond = rate === undefined ? undefined : rate === 'off' ? null : Number(rate);
  if (callsPerSecond !== undefined && callsPerSecond !== null && !(callsPerSecond > 0))
    throw new Error('--calls-per-second takes a positive number or "off"');
  const emulator = await startWindowsLiveEmulator({
    port,
    ...(values.persist === undefined ? {} : { persistPath: values.persist }),
    ...(values.lid === undefined ? {} : { lid: values.lid }),
    ...(values.token === undefined ? {} : { token: values.token }),
    ...(callsPerSecond === undefined ? {} : { quotas: { callsPerSecond } }),
  });
  // A persisted book is seeded only while it is empty, so restarts do not duplicate it.
  if (seed > 0 && emulator.control.list().length === 0) emulator.control.seed(generateContacts(seed));
  const readOnlyToken = emulator.control.mintToken({ readOnly: true });
  const line = JSON.stringify({ url: emulator.url, lid: emulator.lid, cid: emulator.cid, token: emulator.token, readOnlyToken });
  return { emulator, line };
}
