import { parseArgs } from 'node:util';
import { generateContacts } from '../../fixtures/generate-contacts.js';
import { startGraphEmulator } from './server.js';
import type { GraphEmulator } from './types.js';

/**
 * The command line's work, apart from printing and signals so it can be tested in-process:
 * `--port N --seed N [--token t] [--page-size N] [--partial] [--replay] [--shuffle]`.
 * Returns the emulator and the one JSON line to print: { url, origin, token }.
 */
export async function startFromArgs(args: readonly string[]): Promise<{ readonly emulator: GraphEmulator; readonly line: string }> {
  const { values } = parseArgs({
    args: [...args],
    options: {
      port: { type: 'string', default: '0' },
      seed: { type: 'string', default: '0' },
      token: { type: 'string' },
      'page-size': { type: 'string' },
      partial: { type: 'boolean', default: false },
      replay: { type: 'boolean', default: false },
      shuffle: { type: 'boolean', default: false },
    },
  });
  const port = Number(values.port);
  const seed = Number(values.seed);
  const pageSize = values['page-size'] === undefined ? undefined : Number(values['page-size']);
  if (!Number.isInteger(port) || port < 0 || !Number.isInteger(seed) || seed < 0) throw new Error('--port and --seed take whole numbers');
  if (pageSize !== undefined && !(Number.isInteger(pageSize) && pageSize > 0)) throw new Error('--page-size takes a positive whole number');
  const emulator = await startGraphEmulator({
    port,
    ...(values.token === undefined ? {} : { token: values.token }),
    settings: {
      partialUpdates: values.partial,
      replay: values.replay,
      shuffle: values.shuffle,
      ...(pageSize === undefined ? {} : { maxPageSize: pageSize }),
    },
  });
  if (seed > 0) emulator.control.seed(generateContacts(seed));
  return { emulator, line: JSON.stringify({ url: emulator.url, origin: emulator.origin, token: emulator.control.token() }) };
}
