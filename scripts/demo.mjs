#!/usr/bin/env node
// The demo command (`npx -y pnpm@10 demo`): builds what is stale, starts the Windows Live, Yahoo and
// Graph emulators and a Radicale (CardDAV), seeded with 2,000 generated contacts each, serves the app on 127.0.0.1 behind a
// same-origin proxy to them, and prints the URL. Options: --port N (default 5170; a free port if
// taken), --contacts N (per account, default 2000), --rebuild, --state-dir DIR (default .demo-state:
// where the Windows Live and CardDAV books are kept between runs), --fresh (forget them: start from the seed).
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { APP_DIR, ROOT, SERVER_ENTRY, buildDemo } from './demo-build.mjs';

const { values } = parseArgs({
  // `pnpm demo -- --port 5200` passes the `--` through; tolerate it.
  allowPositionals: true,
  options: {
    port: { type: 'string', default: process.env.PORT ?? '5170' },
    contacts: { type: 'string', default: '2000' },
    rebuild: { type: 'boolean', default: false },
    'state-dir': { type: 'string', default: join(ROOT, '.demo-state') },
    fresh: { type: 'boolean', default: false },
  },
});

if (values.fresh) rmSync(values['state-dir'], { recursive: true, force: true });

// The CardDAV account runs on Debian's Radicale: installed with apt-get when missing and root; else
// the account is not offered and this says how to get it.
const RADICALE = '/usr/bin/radicale';
if (!existsSync(RADICALE)) spawnSync(process.execPath, [join(ROOT, 'scripts', 'ensure-carddav-servers.mjs')], { stdio: 'inherit' });
const carddav = existsSync(RADICALE);
if (!carddav)
  process.stdout.write(
    `\nThe CardDAV account is hidden: ${RADICALE} is missing (sudo apt-get install -y --no-install-recommends radicale).\n`,
  );

buildDemo({ force: values.rebuild });
const { startDemo } = await import(pathToFileURL(SERVER_ENTRY).href);
const demo = await startDemo({
  appDir: APP_DIR,
  port: Number(values.port),
  contactsPerAccount: Number(values.contacts),
  stateDir: values['state-dir'],
  carddav,
});

process.stdout.write(
  [
    '',
    `Contacts demo: ${demo.url}`,
    '',
    'Accounts (emulated servers, and a real Radicale for CardDAV, seeded with generated contacts):',
    ...demo.accounts.map((account) => `  - ${account.label}`),
    '',
    'Open the URL in a browser; the "Server console" tab drives the emulators. Ctrl+C stops.',
    `The Windows Live and CardDAV books are kept in ${values['state-dir']} between runs; --fresh starts from the seed.`,
    '',
  ].join('\n'),
);

const stop = () => {
  demo.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
