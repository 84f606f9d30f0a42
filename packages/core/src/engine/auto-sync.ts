import type { SyncReport } from './types.js';

/** What auto-sync listens to; defaults to the browser's window and document. */
export interface AutoSyncEnvironment {
  onOnline(listener: () => void): () => void;
  onVisible(listener: () => void): () => void;
  setTimer(callback: () => void, delayMs: number): () => void;
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
  };
}

/**
 * Calls `sync` when the device comes back online, when a hidden tab becomes visible, and at the
 * `retryAt` of the last report. Returns a function that detaches all of it.
 */
export function startAutoSync(
  sync: () => Promise<SyncReport>,
  now: () => number,
  env: AutoSyncEnvironment,
  onError: (error: unknown) => void,
): { stop: () => void; scheduleFrom: (report: Pick<SyncReport, 'retryAt'>) => void } {
  let cancelTimer: (() => void) | null = null;
  let stopped = false;

  const run = (): void => {
    sync().then(scheduleFrom, onError);
  };
  const scheduleFrom = (report: Pick<SyncReport, 'retryAt'>): void => {
    cancelTimer?.();
    cancelTimer = null;
    if (stopped || report.retryAt === null) return;
    cancelTimer = env.setTimer(run, Math.max(0, report.retryAt - now()));
  };
  const detachOnline = env.onOnline(run);
  const detachVisible = env.onVisible(run);
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
