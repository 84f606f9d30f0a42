import { afterAll, describe, it } from 'vitest';
import fc from 'fast-check';
import type { Backend } from './backend.js';
import { commandArbitrary } from './commands.js';
import { runModel, type RunStats } from './convergence-model.js';

/** Runs per adapter and format: 200 in CI, more with PROPERTY_RUNS (the soak run sets thousands). */
const RUNS = Number(process.env.PROPERTY_RUNS ?? 200);

/**
 * The convergence property for one adapter + emulator: generated runs over loopback HTTP, each
 * printing its seed and shrunk command list on failure (replay with PROPERTY_SEED / PROPERTY_PATH).
 */
export function describeConvergence(name: string, start: () => Promise<Backend>): void {
  describe(`convergence under faults: ${name}`, () => {
    const stats: RunStats = { faults: new Map(), crashes: 0, syncs: 0, requests: 0 };
    afterAll(() => {
      const faults = [...stats.faults].map(([k, v]) => `${k} ${v}`).join(', ');
      process.stdout.write(`[convergence ${name}] runs ${RUNS}, syncs ${stats.syncs}, requests ${stats.requests}, crashes ${stats.crashes}, faults: ${faults}\n`);
    });
    it(`keeps every write, creates nothing twice, converges, obeys Retry-After (${RUNS} runs)`, async () => {
      const seed = process.env.PROPERTY_SEED === undefined ? undefined : Number(process.env.PROPERTY_SEED);
      const path = process.env.PROPERTY_PATH;
      await fc.assert(
        fc.asyncProperty(fc.array(commandArbitrary, { minLength: 4, maxLength: 30 }), async (commands) => {
          const backend = await start();
          try {
            await runModel(backend, commands, stats);
          } finally {
            await backend.close();
          }
        }),
        { numRuns: RUNS, verbose: 1, ...(seed === undefined ? {} : { seed }), ...(path === undefined ? {} : { path }) },
      );
    }, 900_000);
  });
}
