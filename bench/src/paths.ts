import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** `bench/`, from the compiled `bench/dist/src/paths.js`. */
export const BENCH_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const REPO_DIR = resolve(BENCH_DIR, '..');
/** Scratch space (git-ignored): bundles, profiles, browser profile. */
export const TMP_DIR = resolve(BENCH_DIR, '.tmp');
export const RESULTS_FILE = resolve(BENCH_DIR, 'results.md');
