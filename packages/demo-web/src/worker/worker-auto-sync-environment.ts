import type { AutoSyncEnvironment } from '@contactsync/core';
import type { SignalHub } from './signal-hub';

/** The parts of a dedicated worker's global scope auto-sync needs. */
export interface OnlineEventTarget {
  addEventListener(type: 'online', listener: () => void): void;
  removeEventListener(type: 'online', listener: () => void): void;
}

/**
 * Auto-sync's triggers inside a dedicated worker. A worker gets `online` events of its own but has no
 * `document`, so visibility comes from the page as a signal; the page forwards `online` too (and the
 * demo's console sends one when its simulated network comes back). Two triggers for one reconnect are
 * harmless: `sync()` is single-flight.
 */
export function workerAutoSyncEnvironment(scope: OnlineEventTarget, signals: SignalHub): AutoSyncEnvironment {
  // The page says when it is hidden or shown; until it says, it is on screen (it just opened us).
  let visible = true;
  signals.on('visible', () => {
    visible = true;
  });
  signals.on('hidden', () => {
    visible = false;
  });
  return {
    onOnline(listener) {
      scope.addEventListener('online', listener);
      const offSignal = signals.on('online', listener);
      return () => {
        scope.removeEventListener('online', listener);
        offSignal();
      };
    },
    onVisible: (listener) => signals.on('visible', listener),
    setTimer(callback, delayMs) {
      const handle = setTimeout(callback, delayMs);
      return () => clearTimeout(handle);
    },
    // The engine's periodic pull skips its turn while the page is hidden.
    isVisible: () => visible,
  };
}
