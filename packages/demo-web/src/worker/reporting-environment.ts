import type { AutoSyncEnvironment } from '@contactsync/core';

/**
 * Wraps auto-sync's triggers so that right after the engine starts a sync on its own (reconnect,
 * visible, its retryAt timer, its periodic pull), `afterTrigger` runs too. The host uses it to call `sync()` at that
 * moment: `sync()` is single-flight, so that call joins the engine's run and receives its report,
 * which auto-sync itself keeps to the engine.
 */
export function reportingEnvironment(environment: AutoSyncEnvironment, afterTrigger: () => void): AutoSyncEnvironment {
  const then = (listener: () => void) => () => {
    listener();
    afterTrigger();
  };
  // A timer is a retry or the periodic pull; the pull skips its turn while the page is hidden, and
  // then `afterTrigger` must not start the sync the engine chose not to run. (A retry that fires
  // while hidden still runs; its outcome reaches the page through status.)
  const onTimer = (callback: () => void) => () => {
    callback();
    if (environment.isVisible?.() !== false) afterTrigger();
  };
  return {
    onOnline: (listener) => environment.onOnline(then(listener)),
    onVisible: (listener) => environment.onVisible(then(listener)),
    setTimer: (callback, delayMs) => environment.setTimer(onTimer(callback), delayMs),
    ...(environment.isVisible === undefined ? {} : { isVisible: environment.isVisible.bind(environment) }),
  };
}
