import type { SyncReport } from './types.js';

/** What auto-sync listens to; defaults to the browser's window and document. */
export interface AutoSyncEnvironment {
  onOnline(listener: () => void): () => void;
  onVisible(listener: () => void): () => void;
  setTimer(callback: () => void, delayMs: number): () => void;
  /** Whether the app is on screen now; periodic pulls skip a hidden app. Absent: always visible. */
  isVisible?(): boolean;
}

export interface AutoSyncOptions {
  readonly environment?: AutoSyncEnvironment;
  /**
   * Also sync every `interval` ms while the app is visible (a periodic pull). Each run obeys every
   * server-imposed wait: during one the sync returns `waiting` without a request, and the next run
   * is at the wait's end.
   */
  readonly interval?: number;
}

export function browserEnvironment(): AutoSyncEnvironment {
  const target = globalThis as unknown as Partial<Pick<Window, 'addEventListener' | 'removeEventListener'>>;
  const doc = (globalThis as { document?: Document }).document;
  return {
    onOnline(listener) {
      target.addEventListener?.('online', listener);
      return () => target.removeEventListener?.('online', listener);
    },
    onVisible(listener) {
      if (doc === undefined) return () => undefined;
      const onChange = (): void => {
        if (doc.visibilityState === 'visible') listener();
      };
      doc.addEventListener('visibilitychange', onChange);
      return () => doc.removeEventListener('visibilitychange', onChange);
    },
    setTimer(callback, delayMs) {
      const handle = setTimeout(callback, delayMs);
      return () => clearTimeout(handle);
    },
    isVisible: () => doc === undefined || doc.visibilityState === 'visible',
  };
}

/**
 * Calls `sync` when the device comes back online, when a hidden tab becomes visible, at the
 * `retryAt` of the last report, and (with `interval`) periodically while visible. One timer at a
 * time: the earlier of the retry and the next periodic pull, and never before a `retryAt` the last
 * report gave. Returns a function that detaches all of it.
 */
export function startAutoSync(
  sync: () => Promise<SyncReport>,
  now: () => number,
  env: AutoSyncEnvironment,
  onError: (error: unknown) => void,
  interval: number | null = null,
): { stop: () => void; scheduleFrom: (report: Pick<SyncReport, 'retryAt'>) => void } {
  let cancelTimer: (() => void) | null = null;
  let stopped = false;

  const run = (): void => {
    sync().then(scheduleFrom, (error: unknown) => {
      onError(error);
      scheduleFrom({ retryAt: null });
    });
  };
  const tick = (): void => {
    if (env.isVisible?.() === false)
      scheduleFrom({ retryAt: null }); // hidden: look again later
    else run();
  };
  const scheduleFrom = (report: Pick<SyncReport, 'retryAt'>): void => {
    cancelTimer?.();
    cancelTimer = null;
    if (stopped) return;
    if (report.retryAt !== null) {
      // A retry (server-imposed or backoff) comes first; the periodic pull never runs before it.
      cancelTimer = env.setTimer(run, Math.max(0, report.retryAt - now()));
    } else if (interval !== null) {
      cancelTimer = env.setTimer(tick, interval);
    }
  };
  const detachOnline = env.onOnline(run);
  const detachVisible = env.onVisible(run);
  if (interval !== null) scheduleFrom({ retryAt: null });
  return {
    stop() {
      stopped = true;
      cancelTimer?.();
      detachOnline();
      detachVisible();
    },
    scheduleFrom,
  };
}
