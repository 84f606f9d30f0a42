import { afterAll, describe, it } from 'vitest';
import fc from 'fast-check';
import type { Backend } from './backend.js';
import { fakeBackend } from './fake-backend.js';
import { runSharedModel, sharedCommandArbitrary, type SharedStats } from './shared-database-model.js';
import { windowsLiveBackend } from './windows-live-backend.js';
import { yahooBackend } from './yahoo-backend.js';

/**
 * Runs per target: 100 with a fixed seed per target in the normal run (so CI replays the same
 * runs); `pnpm test:soak` sets PROPERTY_RUNS and PROPERTY_RANDOM for fresh seeds. A failure prints
 * its seed and path: replay with PROPERTY_SEED / PROPERTY_PATH.
 */
const RUNS = Number(process.env.PROPERTY_RUNS ?? 100);
const RANDOM = process.env.PROPERTY_RANDOM === '1';

function describeShared(name: string, fixedSeed: number, start: () => Promise<Backend>): void {
  describe(`two engines on one database, no Web Locks: ${name}`, () => {
    const stats: SharedStats = { races: 0, syncs: 0 };
    afterAll(() => {
      process.stdout.write(`[shared database ${name}] runs ${RUNS}, syncs ${stats.syncs}, races ${stats.races}\n`);
    });
    it(`no duplicate create, no lost write, both replicas equal the server (${RUNS} runs)`, async () => {
      const seed = process.env.PROPERTY_SEED !== undefined ? Number(process.env.PROPERTY_SEED) : RANDOM ? undefined : fixedSeed;
      const path = process.env.PROPERTY_PATH;
      await fc.assert(
        fc.asyncProperty(fc.array(sharedCommandArbitrary, { minLength: 3, maxLength: 12 }), async (commands) => {
          const backend = await start();
          try {
            await runSharedModel(backend, commands, stats);
          } finally {
            await backend.close();
          }
        }),
        { numRuns: RUNS, verbose: 1, ...(seed === undefined ? {} : { seed }), ...(path === undefined ? {} : { path }) },
      );
    }, 600_000);
  });
}

describeShared('fake service', 11_001, fakeBackend);
describeShared('Windows Live', 11_002, windowsLiveBackend);
describeShared('Yahoo XML', 11_003, () => yahooBackend('xml'));
