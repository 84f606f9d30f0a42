import type { LockManagerLike } from './types.js';

/**
 * An in-memory stand-in for `navigator.locks` (exclusive mode only), for tests in Node, which has
 * no Web Locks: one holder per name at a time, the others queue; a waiter's signal gives up its wait.
 */
export class MemoryLocks implements LockManagerLike {
  private readonly tails = new Map<string, Promise<void>>();
  /** Names currently held, for assertions. */
  readonly held = new Set<string>();

  request<T>(name: string, options: { readonly signal?: AbortSignal }, callback: () => Promise<T>): Promise<T> {
    const before = this.tails.get(name) ?? Promise.resolve();
    let release = (): void => undefined;
    this.tails.set(name, new Promise<void>((resolve) => (release = resolve)));
    const granted = new Promise<void>((resolve, reject) => {
      // The abort reason is passed on as it is, as Web Locks and fetch do.
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
      options.signal?.addEventListener('abort', () => reject(options.signal?.reason), { once: true });
      void before.then(resolve);
    });
    return granted.then(
      async () => {
        this.held.add(name);
        try {
          return await callback();
        } finally {
          this.held.delete(name);
          release();
        }
      },
      (error: unknown) => {
        void before.then(release);
        throw error;
      },
    );
  }
}
