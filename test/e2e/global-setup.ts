import { existsSync } from 'node:fs';
import { buildDemo } from '../../scripts/demo-build.mjs';
import { CHROMIUM } from './browser.js';

/** Builds the demo as the demo command does (only what is stale), and checks for Chromium. */
export default function setup(): void {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: install Debian's Chromium with \`apt-get install -y chromium\` (never a downloaded browser).`);
  }
  buildDemo({ log: () => undefined });
}
