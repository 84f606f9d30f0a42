import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';

const SERVICE_WORKER = 'sw.js';

/**
 * Gives the service worker the list of every file of this build (and a version naming it), so it can
 * cache the whole app shell at install. Runs once the bundle is complete, when the names are known.
 */
function precacheManifest(): Plugin {
  return {
    name: 'contactsync-precache-manifest',
    apply: 'build',
    generateBundle(_options, bundle) {
      const files = Object.keys(bundle)
        .filter((file) => file !== SERVICE_WORKER && !file.endsWith('.map') && file !== 'index.html')
        .sort();
      const version = createHash('sha256').update(files.join('\n')).digest('hex').slice(0, 12);
      const worker = bundle[SERVICE_WORKER];
      if (worker?.type !== 'chunk') throw new Error(`the build has no ${SERVICE_WORKER} chunk`);
      worker.code = `self.__PRECACHE__=${JSON.stringify({ version, files })};\n${worker.code}`;
    },
  };
}

/**
 * The app, its engine worker and its service worker. `source` resolves the workspace packages to
 * their TypeScript, so the app builds without building them first; JSX goes through Vite's own
 * transform (no React plugin: the demo needs no fast refresh). The service worker is its own entry,
 * at the root (its scope is the whole app) under a fixed name (the page registers it by that name).
 */
export default defineConfig({
  root: import.meta.dirname,
  base: './',
  resolve: { conditions: ['source', 'module', 'browser', 'development|production'] },
  oxc: { jsx: { runtime: 'automatic' } },
  worker: { format: 'es' },
  plugins: [precacheManifest()],
  build: {
    outDir: 'dist/app',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    rollupOptions: {
      input: { index: resolve(import.meta.dirname, 'index.html'), sw: resolve(import.meta.dirname, 'src/sw/service-worker.ts') },
      output: { entryFileNames: (chunk) => (chunk.name === 'sw' ? SERVICE_WORKER : 'assets/[name]-[hash].js') },
    },
  },
});
