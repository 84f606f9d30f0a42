// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * Type-aware linting for the whole tree. `no-floating-promises` is the rule the house style names
 * (STYLE.md §14): an intentional fire-and-forget is marked with `void`.
 */
export default tseslint.config(
  {
    ignores: ['**/dist/**', '**/node_modules/**', 'bench/.tmp/**', 'packages/demo-web/dist/**', '**/*.d.mts'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        // Explicit projects: the test files live in their own tsconfig.test.json beside each package's.
        project: [
          './packages/core/tsconfig.json',
          './packages/core/tsconfig.test.json',
          './packages/adapters/tsconfig.json',
          './packages/adapters/tsconfig.test.json',
          './packages/demo-web/tsconfig.app.json',
          './packages/demo-web/tsconfig.node.json',
          './packages/demo-web/tsconfig.test.json',
          './test/tsconfig.json',
          './test/e2e/tsconfig.json',
          './bench/tsconfig.json',
        ],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      // `_`-prefixed parameters and destructured leftovers are deliberate.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // The codecs and validators match XML's forbidden control characters on purpose.
      'no-control-regex': 'off',
      // An async function that implements a Promise-returning port (a contract harness, a fake
      // fetch) reads better than one wrapping its result in Promise.resolve; the floating-promise
      // rules above are the ones that catch lost work.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // Vitest's asymmetric matchers (`expect.stringContaining(...)`) are typed `any`; inside an
    // assertion that is how they are meant to be used.
    files: ['**/*.test.ts', '**/*.test.tsx'],
    rules: { '@typescript-eslint/no-unsafe-assignment': 'off' },
  },
  {
    // Tests that wrap an IndexedDB method to inject a fault keep the original to call with `this`.
    files: ['packages/core/src/engine/crash-points.test.ts', 'packages/core/src/engine/storage-failure.test.ts'],
    rules: { '@typescript-eslint/unbound-method': 'off' },
  },
  {
    // Plain JavaScript (scripts, this file): no type information.
    files: ['**/*.js', '**/*.mjs', '**/*.cjs', 'vitest.config.ts'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly' },
    },
  },
);
