/** RxDB in a worker of its own: it pins Dexie 4.4.2, which refuses to share a realm with the engine's. */
import { rxdbInitialSync } from '../src/pipelines/rxdb-initial-sync.js';
import { clientFor } from './client-for.js';
import { clearDatabases, serve } from './run-in-worker.js';

serve(async (request) => {
  await clearDatabases();
  if (request.cmd === 'clear') return null;
  if (request.cmd !== 'rxdb') throw new Error(`the RxDB worker runs RxDB only, not ${request.cmd}`);
  return rxdbInitialSync(clientFor(request.provider), request.connection, { indexedDB, IDBKeyRange }, request.databaseName);
});
