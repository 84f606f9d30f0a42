#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { startYahooEmulator } from './server.js';
import { syntheticContacts } from './synthetic.js';

/**
 * `node packages/adapters/dist/yahoo/emulator/cli.js --port 0 --seed N [--strict-duplicates]`
 * Prints one JSON line with the URL and credentials, then serves until interrupted. This is a CLI
 * entry, the one place where writing to the console is the job.
 */
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    seed: { type: 'string', default: '0' },
    'strict-duplicates': { type: 'boolean', default: false },
  },
});

const port = Number(values.port);
const seed = Number(values.seed);
if (!Number.isInteger(port) || port < 0 || !Number.isInteger(seed) || seed < 0) {
  process.stderr.write('usage: cli.js [--port N] [--seed N] [--strict-duplicates]\n');
  process.exit(2);
}

const emulator = await startYahooEmulator({ port, seedContacts: syntheticContacts(seed), strictDuplicates: values['strict-duplicates'] });
console.log(JSON.stringify({ service: 'yahoo', url: emulator.url, appid: emulator.appid, wssid: emulator.wssid, cookie: emulator.cookie }));

const stop = () => {
  void emulator.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
