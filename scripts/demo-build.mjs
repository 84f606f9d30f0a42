// Builds what the demo runs: the Node side (the demo server, and through project references the
// core and adapters packages it imports) with `tsc -b`, and the browser app with Vite when any source
// it bundles is newer than the last build. Used by `demo.mjs` and by the browser tests' setup.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const DEMO_WEB = join(ROOT, 'packages', 'demo-web');
/** The built app, served by the demo server. */
export const APP_DIR = join(DEMO_WEB, 'dist', 'app');
/** The compiled demo server module (exports `startDemo`). */
export const SERVER_ENTRY = join(DEMO_WEB, 'dist', 'node', 'server', 'start-demo.js');

/** What the Vite bundle is made from: a change to any of these calls for a new build. */
const APP_SOURCES = [
  join(DEMO_WEB, 'src'),
  join(DEMO_WEB, 'shared'),
  join(DEMO_WEB, 'index.html'),
  join(DEMO_WEB, 'vite.config.ts'),
  join(ROOT, 'packages', 'core', 'src'),
  join(ROOT, 'packages', 'adapters', 'src'),
  join(ROOT, 'pnpm-lock.yaml'),
];

function newestChange(path) {
  if (!existsSync(path)) return 0;
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry === 'dist') continue;
    newest = Math.max(newest, newestChange(join(path, entry)));
  }
  return newest;
}

function run(label, args, log) {
  log(`demo: ${label}`);
  // Always React's production build: a test runner calling this sets NODE_ENV=test, which would make
  // Vite bundle React's development build (jsxDEV, 580 KB) into the app that is then measured.
  const env = { ...process.env, NODE_ENV: 'production' };
  const result = spawnSync(process.execPath, args, { cwd: DEMO_WEB, stdio: 'inherit', env });
  if (result.status !== 0) throw new Error(`demo: ${label} failed (exit code ${result.status ?? result.signal})`);
}

/**
 * @param {{ force?: boolean, log?: (line: string) => void }} [options]
 */
export function buildDemo(options = {}) {
  const log = options.log ?? ((line) => process.stdout.write(`${line}\n`));
  const bin = (pkg, path) => join(DEMO_WEB, 'node_modules', pkg, path);
  if (!existsSync(bin('vite', 'bin/vite.js'))) {
    throw new Error('demo: dependencies are not installed; run `npx -y pnpm@10 install --frozen-lockfile` first.');
  }
  // Incremental: a no-op when nothing changed.
  run('compiling the server, core and adapters (tsc -b)', [bin('typescript', 'bin/tsc'), '-b', 'tsconfig.node.json'], log);
  const built = join(APP_DIR, 'index.html');
  const stale = !existsSync(built) || APP_SOURCES.some((source) => newestChange(source) > statSync(built).mtimeMs);
  if (options.force || stale) run('building the app (vite build)', [bin('vite', 'bin/vite.js'), 'build', '--logLevel', 'warn'], log);
  else log('demo: the app is up to date');
}
