/**
 * The worker side of the browser benchmark: engine, plain loop, or (in its own worker, for RxDB's
 * pinned Dexie) RxDB, on the browser's real IndexedDB. Shared by worker.ts and rxdb-worker.ts.
 */
import type { StageTimes } from '../src/pipelines/stages.js';
import type { WorkerReply, WorkerRequest } from './protocol.js';

interface WorkerScope {
  postMessage(message: WorkerReply): void;
  onmessage: ((event: MessageEvent<WorkerRequest>) => void) | null;
}

/** Deletes every database of this origin (between runs, so each starts from nothing). */
export async function clearDatabases(): Promise<void> {
  const databases = await indexedDB.databases();
  await Promise.all(
    databases.map(
      (d) =>
        new Promise<void>((resolve, reject) => {
          if (d.name === undefined) return resolve();
          const request = indexedDB.deleteDatabase(d.name);
          request.onsuccess = () => resolve();
          request.onerror = () => reject(request.error ?? new Error(`deleting ${d.name ?? ''} failed`));
          request.onblocked = () => resolve();
        }),
    ),
  );
}

export function serve(
  handler: (request: WorkerRequest, progress: (done: number, total: number, phase: string) => void) => Promise<StageTimes | null>,
): void {
  const scope = globalThis as unknown as WorkerScope;
  scope.onmessage = (event) => {
    const request = event.data;
    handler(request, (done, total, phase) => scope.postMessage({ id: request.id, progress: { done, total, phase } })).then(
      (times) => scope.postMessage({ id: request.id, ok: true, times }),
      (error: unknown) =>
        scope.postMessage({
          id: request.id,
          ok: false,
          error: error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error),
        }),
    );
  };
}
