#!/usr/bin/env node
// The CardDAV tests start Debian's Radicale and Xandikos (never downloaded binaries). On a fresh
// machine this installs them with apt-get when we are root; otherwise it says what to install and fails.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const SERVERS = { radicale: '/usr/bin/radicale', xandikos: '/usr/bin/xandikos' };
const missing = Object.entries(SERVERS)
  .filter(([, bin]) => !existsSync(bin))
  .map(([pkg]) => pkg);
if (missing.length > 0) {
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!root) {
    process.stderr.write(
      `The CardDAV tests need Debian's ${missing.join(' and ')}: sudo apt-get install -y --no-install-recommends ${missing.join(' ')}\n`,
    );
    process.exit(1);
  }
  process.stdout.write(`Installing ${missing.join(' and ')} for the CardDAV tests (apt-get)...\n`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { stdio: 'inherit', env });
}
