import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startFromArgs } from './cli-args.js';

describe('the emulator command line', () => {
  it('starts a seeded emulator and describes it in one JSON line', async () => {
    const { emulator, line } = await startFromArgs(['--port', '0', '--seed', '12', '--calls-per-second', 'off']);
    try {
      const printed = JSON.parse(line) as { url: string; lid: string; cid: string; token: string; readOnlyToken: string };
      expect(printed).toMatchObject({ url: emulator.url, lid: emulator.lid, cid: emulator.cid, token: emulator.token });
      expect(printed.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const r = await fetch(`${printed.url}/users/@L@${printed.lid}/rest/LiveContacts`, {
        headers: { Authorization: `DelegatedToken dt="${printed.token}"` },
      });
      expect(r.status).toBe(200);
      expect((await r.text()).match(/<Contact>/g)).toHaveLength(12);
      const readOnly = await fetch(`${printed.url}/users/@L@${printed.lid}/rest/LiveContacts/Contacts`, {
        method: 'POST',
        headers: { Authorization: `DelegatedToken dt="${printed.readOnlyToken}"` },
        body: '<Contact/>',
      });
      expect(readOnly.status).toBe(403);
      expect(emulator.control.quotas.callsPerSecond).toBeNull();
    } finally {
      await emulator.close();
    }
  });

  it('does not seed a persisted book again on restart', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'wl-cli-')), 'book.json');
    const first = await startFromArgs(['--seed', '3', '--persist', path]);
    await first.emulator.close();
    const second = await startFromArgs(['--seed', '3', '--persist', path]);
    expect(second.emulator.control.list()).toHaveLength(3);
    await second.emulator.close();
  });

  it('refuses bad numbers', async () => {
    await expect(startFromArgs(['--port', 'x'])).rejects.toThrow('whole numbers');
    await expect(startFromArgs(['--calls-per-second', '0'])).rejects.toThrow('positive number');
  });
});
