import { dirname, resolve } from 'node:path';
import type { Plugin } from 'vite';
import { BENCH_DIR, TMP_DIR } from '../src/paths.js';

export const BUNDLE_DIR = resolve(TMP_DIR, 'browser');

/** Swaps src/internals.ts (dynamic imports from the packages' dist, for Node) for its static browser twin. */
function benchPlugin(): Plugin {
  const internals = resolve(BENCH_DIR, 'src/internals.js');
  return {
    name: 'contactsync-bench',
    enforce: 'pre',
    resolveId(source, importer) {
      if (importer !== undefined && source.endsWith('internals.js') && resolve(dirname(importer), source) === internals) {
        return resolve(BENCH_DIR, 'browser/internals-browser.ts');
      }
      return null;
    },
  };
}

/** Bundles the page and its two workers (engine, RxDB) into bench/.tmp/browser with Vite. */
export async function bundleBrowserBench(): Promise<string> {
  const { build } = await import('vite');
  await build({
    configFile: false,
    logLevel: 'warn',
    root: resolve(BENCH_DIR, 'browser'),
    base: './',
    plugins: [benchPlugin()],
    worker: { format: 'es', plugins: () => [benchPlugin()] },
    build: {
      outDir: BUNDLE_DIR,
      emptyOutDir: true,
      target: 'es2022',
      minify: false,
      sourcemap: true,
      reportCompressedSize: false,
      chunkSizeWarningLimit: 4096,
    },
  });
  return BUNDLE_DIR;
}
