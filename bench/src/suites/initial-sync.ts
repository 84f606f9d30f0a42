import type { SyncEngine } from '@contactsync/core';
import { engineInitialSync } from '../pipelines/engine-initial-sync.js';
import { collectGarbage, freshIndexedDb } from '../pipelines/fake-idb.js';
import type { IndexedDbEnv } from '../pipelines/idb.js';
import type { NetworkMeter } from '../pipelines/instrumented-fetch.js';
import { plainLoopInitialSync } from '../pipelines/plain-loop.js';
import type { StageTimes } from '../pipelines/stages.js';
import type { ClientProvider, Connection } from '../providers/provider.js';
import { measureRxdb } from './rxdb-peer.js';

export interface InitialSyncResult {
  readonly provider: string;
  readonly contacts: number;
  readonly engine: readonly StageTimes[];
  readonly plain: readonly StageTimes[];
  readonly rxdb: readonly StageTimes[];
  readonly rxdbError: string | null;
}

/** An engine kept open after its initial sync, with the IndexedDB it lives in. */
export interface KeptEngine {
  readonly engine: SyncEngine;
  readonly env: IndexedDbEnv;
  readonly databaseName: string;
  readonly meter: NetworkMeter;
}

function check(times: StageTimes, expected: number, what: string): StageTimes {
  if (times.contacts !== expected) throw new Error(`${what}: stored ${times.contacts} contacts, expected ${expected}`);
  return times;
}

/**
 * Engine and plain loop alternate (which goes first flips every repetition, so drift in machine
 * load falls on both), each into a fresh fake-indexeddb. RxDB runs after them.
 */
export async function measureInitialSync(
  provider: ClientProvider,
  connection: Connection,
  contacts: number,
  reps: number,
  rxdbReps: number,
  keepEngine: boolean,
  warmup: boolean,
  log: (line: string) => void,
): Promise<{ result: InitialSyncResult; kept: KeptEngine | null }> {
  const engine: StageTimes[] = [];
  const plain: StageTimes[] = [];
  const rxdb: StageTimes[] = [];
  let kept: KeptEngine | null = null;
  if (warmup) {
    // One unmeasured round, so the first measured one does not pay for compiling the codec and engine.
    await plainLoopInitialSync(provider, connection, freshIndexedDb(), 'warm-plain');
    await engineInitialSync(provider, connection, freshIndexedDb(), 'warm-engine', false);
  }
  for (let rep = 0; rep < reps; rep++) {
    const order = rep % 2 === 0 ? (['plain', 'engine'] as const) : (['engine', 'plain'] as const);
    for (const which of order) {
      collectGarbage();
      const env = freshIndexedDb();
      if (which === 'plain') {
        plain.push(check(await plainLoopInitialSync(provider, connection, env, `plain-${rep}`), contacts, 'plain loop'));
      } else {
        const keep = keepEngine && rep === reps - 1;
        const databaseName = `engine-${rep}`;
        const run = await engineInitialSync(provider, connection, env, databaseName, keep);
        engine.push(check(run.times, contacts, 'engine'));
        if (run.engine !== null) kept = { engine: run.engine, env, databaseName, meter: run.meter };
      }
    }
    log(
      `  ${provider.label} ${contacts}: rep ${rep + 1}/${reps} engine ${engine.at(-1)?.total.toFixed(0)} ms, plain ${plain.at(-1)?.total.toFixed(0)} ms`,
    );
  }
  let rxdbError: string | null = null;
  if (rxdbReps > 0) {
    try {
      rxdb.push(...(await measureRxdb(connection, contacts, rxdbReps)));
      log(`  ${provider.label} ${contacts}: RxDB ${rxdb.map((t) => t.total.toFixed(0)).join(', ')} ms`);
    } catch (error) {
      rxdbError = error instanceof Error ? error.message : String(error);
      log(`  ${provider.label} ${contacts}: RxDB failed: ${rxdbError}`);
    }
  }
  return { result: { provider: provider.label, contacts, engine, plain, rxdb, rxdbError }, kept };
}
