import { defineConfig } from 'vite';

/**
 * The app and its engine worker. `source` resolves the workspace packages to their TypeScript, so the
 * app builds without building them first; JSX goes through Vite's own transform (no React plugin:
 * the demo needs no fast refresh).
 */
export default defineConfig({
  root: import.meta.dirname,
  base: './',
  resolve: { conditions: ['source', 'module', 'browser', 'development|production'] },
  oxc: { jsx: { runtime: 'automatic' } },
  worker: { format: 'es' },
  build: { outDir: 'dist/app', emptyOutDir: true, target: 'es2022', sourcemap: true },
});
