import { createSyncEngine, type ContactService, type SyncEngine, type SyncStatus } from '@contactsync/core';
import type { ClientProvider, Connection } from '../providers/provider.js';
import type { IndexedDbEnv } from './idb.js';
import { meteredFetch, newNetworkMeter, type NetworkMeter } from './instrumented-fetch.js';
import { FIRST_CHUNK, type StageTimes } from './stages.js';

export interface EngineRun {
  readonly times: StageTimes;
  /** The engine after the sync, when the caller asked to keep it (for delta and read benchmarks). */
  readonly engine: SyncEngine | null;
  /** Keeps counting the kept engine's later requests. */
  readonly meter: NetworkMeter;
}

/**
 * `createSyncEngine` + `sync()` into an empty replica. The adapter's `pull` is timed from outside
 * (network + decode + map); everything else the engine does is counted as store.
 */
export async function engineInitialSync(
  provider: ClientProvider,
  connection: Connection,
  env: IndexedDbEnv,
  databaseName: string,
  keep: boolean,
  onStatus?: (status: SyncStatus) => void,
): Promise<EngineRun> {
  const meter = newNetworkMeter();
  const adapter = await provider.service(connection, meteredFetch(meter));
  let pullMs = 0;
  const service: ContactService = {
    ...adapter,
    pull: async (request) => {
      const started = performance.now();
      try {
        return await adapter.pull(request);
      } finally {
        pullMs += performance.now() - started;
      }
    },
  };
  const started = performance.now();
  // The engine's 30 s per-request guard is for users; here the emulator may take longer than that to
  // build a 100,000-contact answer on a loaded machine, and the benchmark measures throughput.
  const engine = await createSyncEngine({
    databaseName,
    service,
    indexedDB: env.indexedDB,
    IDBKeyRange: env.IDBKeyRange,
    requestTimeoutMs: 600_000,
  });
  let firstChunk = Number.NaN;
  // `progress.done` moves after a chunk's transaction has committed: the first stored rows.
  const unsubscribe = engine.subscribe((status) => {
    if (Number.isNaN(firstChunk) && (status.progress?.done ?? 0) >= FIRST_CHUNK) firstChunk = performance.now() - started;
    onStatus?.(status);
  });
  const report = await engine.sync();
  unsubscribe();
  const total = performance.now() - started;
  if (report.outcome !== 'ok') {
    await engine.close();
    throw new Error(`engine initial sync: ${report.outcome} ${report.error?.code ?? ''}`);
  }
  if (!keep) await engine.close();
  return {
    times: {
      total,
      network: meter.ms,
      decode: Number.NaN,
      map: Number.NaN,
      decodeMap: pullMs - meter.ms,
      store: total - pullMs,
      contacts: report.pulled.added,
      requests: meter.requests,
      firstChunk: Number.isNaN(firstChunk) && report.pulled.added > 0 ? total : firstChunk,
      firstHeaders: meter.firstHeadersAt - started,
      floor: Number.NaN,
    },
    engine: keep ? engine : null,
    meter,
  };
}
