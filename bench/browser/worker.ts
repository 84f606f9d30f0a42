/** The engine's worker (as the demo runs it), which also runs the plain loop for comparison. */
import { engineInitialSync } from '../src/pipelines/engine-initial-sync.js';
import { plainLoopInitialSync } from '../src/pipelines/plain-loop.js';
import { clientFor } from './client-for.js';
import { clearDatabases, serve } from './run-in-worker.js';

const env = { indexedDB, IDBKeyRange };

serve(async (request, progress) => {
  const provider = clientFor(request.provider);
  switch (request.cmd) {
    case 'clear':
      await clearDatabases();
      return null;
    case 'plain':
      await clearDatabases();
      return plainLoopInitialSync(provider, request.connection, env, request.databaseName);
    case 'engine':
      await clearDatabases();
      return (await engineInitialSync(provider, request.connection, env, request.databaseName, false)).times;
    case 'engine-keep': {
      // The UI scenario: status goes to the page as the demo's worker would send it.
      await clearDatabases();
      const run = await engineInitialSync(provider, request.connection, env, request.databaseName, true, (status) =>
        progress(status.progress?.done ?? 0, status.progress?.total ?? 0, status.phase),
      );
      await run.engine?.close();
      return run.times;
    }
    case 'rxdb':
      throw new Error('RxDB runs in rxdb-worker.ts');
  }
});
