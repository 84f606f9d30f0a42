interface LockManagerLike {
  request<T>(name: string, callback: () => Promise<T>): Promise<T>;
}

/**
 * Runs `work` at most once at a time per key: a call made while a run is under way joins it.
 * Across browser tabs, the Web Locks API (where the browser has it) keeps two tabs of the same
 * account from syncing at once.
 */
export function singleFlight<T>(lockName: string, work: () => Promise<T>): () => Promise<T> {
  let running: Promise<T> | null = null;
  const locks = (globalThis as { navigator?: { locks?: LockManagerLike } }).navigator?.locks;
  return () => {
    running ??= (locks ? locks.request(lockName, work) : work()).finally(() => {
      running = null;
    });
    return running;
  };
}
