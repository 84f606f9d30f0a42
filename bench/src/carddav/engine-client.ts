import { carddav } from '@contactsync/adapters';
import { createSyncEngine, type SyncEngine } from '@contactsync/core';
import type { BenchClient, ClientFactory } from './bench-client.js';

/**
 * (a) The engine with the CardDAV adapter as an app would set it up (the adapter's own multiget
 * batch and paging), into an empty replica. The timeouts are lifted: a loaded 2-core machine may
 * take longer than a user's 30 s for a big answer, and the benchmark measures throughput.
 */
export const engineClient: ClientFactory = (book, fetch, env): BenchClient => {
  const service = carddav({ bookUrl: book.bookUrl, auth: { username: book.username, password: book.password }, fetch, timeoutMs: 600_000 });
  let engine: SyncEngine | null = null;
  const sync = async (): Promise<{ added: number; updated: number }> => {
    if (engine === null) throw new Error('engine: no initial sync yet');
    const report = await engine.sync();
    if (report.outcome !== 'ok') throw new Error(`engine sync: ${report.outcome} ${report.error?.code ?? ''}`);
    return report.pulled;
  };
  return {
    async initial() {
      engine = await createSyncEngine({
        databaseName: 'carddav-bench',
        service,
        indexedDB: env.indexedDB,
        IDBKeyRange: env.IDBKeyRange,
        requestTimeoutMs: 600_000,
      });
      return (await sync()).added;
    },
    async delta() {
      const pulled = await sync();
      return pulled.added + pulled.updated;
    },
    async close() {
      await engine?.close();
    },
  };
};
