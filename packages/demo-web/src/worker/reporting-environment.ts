import type { AutoSyncEnvironment } from '@contactsync/core';

/**
 * Wraps auto-sync's triggers so that right after the engine starts a sync on its own (reconnect,
 * visible, its retryAt timer), `afterTrigger` runs too. The host uses it to call `sync()` at that
 * moment: `sync()` is single-flight, so that call joins the engine's run and receives its report,
 * which auto-sync itself keeps to the engine.
 */
export function reportingEnvironment(environment: AutoSyncEnvironment, afterTrigger: () => void): AutoSyncEnvironment {
  const then = (listener: () => void) => () => {
    listener();
    afterTrigger();
  };
  return {
    onOnline: (listener) => environment.onOnline(then(listener)),
    onVisible: (listener) => environment.onVisible(then(listener)),
    setTimer: (callback, delayMs) => environment.setTimer(then(callback), delayMs),
  };
}
