#!/usr/bin/env node
// The browser tests drive Debian's Chromium (never a downloaded browser). On a fresh machine this
// installs it with apt-get when we are root; otherwise it says what to install and fails.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CHROMIUM = '/usr/bin/chromium';
if (!existsSync(CHROMIUM)) {
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!root) {
    process.stderr.write(`Browser tests need Debian's Chromium at ${CHROMIUM}: sudo apt-get install -y chromium\n`);
    process.exit(1);
  }
  process.stdout.write('Installing Debian Chromium for the browser tests (apt-get)...\n');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', 'chromium', 'fonts-noto-cjk'], { stdio: 'inherit', env });
}
