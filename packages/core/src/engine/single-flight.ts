import type { LockManagerLike } from './types.js';

/** `navigator.locks` where the runtime has it (browsers, Deno; not Node 20). */
export function defaultLocks(): LockManagerLike | null {
  return (globalThis as { navigator?: { locks?: LockManagerLike } }).navigator?.locks ?? null;
}

/**
 * Runs `work` at most once at a time per key: a call made while a run is under way joins it.
 * Across browser tabs, the Web Locks API (where there is one) keeps two tabs of the same account
 * from syncing at once; it is the fast path, not the guarantee: outbox claims keep two engines from
 * sending the same operation where there is no lock manager. `signal` (close()) gives up a wait
 * for the lock; a run holding the lock ends promptly because its requests are aborted too.
 */
export function singleFlight<T>(
  lockName: string,
  locks: LockManagerLike | null,
  signal: AbortSignal,
  work: () => Promise<T>,
): () => Promise<T> {
  let running: Promise<T> | null = null;
  return () => {
    running ??= (locks ? locks.request(lockName, { signal }, work) : work()).finally(() => {
      running = null;
    });
    return running;
  };
}
