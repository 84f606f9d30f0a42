import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { propertyParameters, type RegressionExample } from '@contactsync/core/testing';
import type { Backend } from './backend.js';
import { commandArbitrary, type Command } from './commands.js';
import { runModel, type RunStats } from './convergence-model.js';

/**
 * Runs per adapter and format: 200 with a fixed seed in the normal run (and CI); `pnpm test:soak`
 * draws random seeds and runs thousands. `PROPERTY_CENSUS=1` runs every generated case to the end
 * instead of stopping at the first failure, and reports how many failed and which.
 */
const CENSUS = process.env.PROPERTY_CENSUS === '1';

/**
 * The convergence property for one adapter + emulator: generated runs over loopback HTTP, each
 * printing its seed and shrunk command list on failure (replay with PROPERTY_SEED / PROPERTY_PATH),
 * plus the committed counterexamples of bugs found before.
 */
export function describeConvergence(
  name: string,
  start: () => Promise<Backend>,
  regressions: readonly RegressionExample[] = [],
  runs = 200,
): void {
  const PARAMETERS = propertyParameters(process.env, { seed: 20_261_203, runs });
  describe(`convergence under faults: ${name}`, () => {
    const stats: RunStats = { faults: new Map(), crashes: 0, syncs: 0, requests: 0 };
    afterAll(() => {
      const faults = [...stats.faults].map(([k, v]) => `${k} ${v}`).join(', ');
      process.stdout.write(
        `[convergence ${name}] runs ${PARAMETERS.numRuns}, syncs ${stats.syncs}, requests ${stats.requests}, crashes ${stats.crashes}, faults: ${faults}\n`,
      );
    });
    const property = fc.asyncProperty(fc.array(commandArbitrary, { minLength: 4, maxLength: 30 }), async (commands: Command[]) => {
      const backend = await start();
      try {
        await runModel(backend, commands, stats);
      } finally {
        await backend.close();
      }
    });

    for (const example of regressions) {
      it(`regression: ${example.why} (seed ${example.seed}, path ${example.path})`, async () => {
        await fc.assert(property, { numRuns: 1, seed: example.seed, path: example.path });
      }, 120_000);
    }

    if (CENSUS) {
      it(`census: every one of ${PARAMETERS.numRuns} runs holds the invariants`, async () => {
        const seed = PARAMETERS.seed ?? Date.now();
        const failed: string[] = [];
        for (let run = 0; run < PARAMETERS.numRuns; run++) {
          const details = await fc.check(property, { numRuns: 1, seed, path: String(run), endOnFailure: true });
          if (details.failed) failed.push(`seed ${seed} path ${run}: ${String(details.errorInstance).slice(0, 200)}`);
        }
        process.stdout.write(`[census ${name}] seed ${seed}, runs ${PARAMETERS.numRuns}, failed ${failed.length}\n${failed.join('\n')}\n`);
        expect(failed).toEqual([]);
      }, 3_600_000);
      return;
    }

    it(`keeps every write, creates nothing twice, converges, obeys Retry-After (${PARAMETERS.numRuns} runs)`, async () => {
      await fc.assert(property, { ...PARAMETERS, verbose: 1 });
    }, 900_000);
  });
}
