import { describe, expect, it } from 'vitest';
import { startFromArgs } from './cli-args.js';

describe('the Graph emulator command line', () => {
  it('starts seeded with the given settings and prints where it listens', async () => {
    const { emulator, line } = await startFromArgs(['--seed', '5', '--token', 't', '--page-size', '2', '--partial']);
    try {
      expect(JSON.parse(line)).toEqual({ url: emulator.url, origin: emulator.origin, token: 't' });
      expect(emulator.control.list()).toHaveLength(5);
      expect(emulator.control.settings).toMatchObject({ maxPageSize: 2, partialUpdates: true, replay: false });
    } finally {
      await emulator.close();
    }
  });

  it('refuses arguments that are not whole numbers', async () => {
    await expect(startFromArgs(['--port', 'x'])).rejects.toThrow(/whole numbers/);
    await expect(startFromArgs(['--page-size', '0'])).rejects.toThrow(/page-size/);
  });
});
