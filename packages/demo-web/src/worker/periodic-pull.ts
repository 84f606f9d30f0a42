import type { SyncEngine } from '@contactsync/core';
import type { SignalHub } from './signal-hub';

/**
 * Pulls every `intervalMs` while the page is visible, so changes made on another device appear by
 * themselves. A stand-in until core's `startAutoSync({ interval })` lands (then this is one call to
 * it): it skips its turn while the engine waits out a server-imposed wait (`retryAt` in the future),
 * is offline or needs a sign-in, so it never asks sooner than the server allowed.
 */
export function startPeriodicPull(
  engine: SyncEngine,
  signals: SignalHub,
  intervalMs: number,
  runSync: () => void,
  now = Date.now,
): () => void {
  let visible = true;
  const offVisible = signals.on('visible', () => {
    visible = true;
  });
  const offHidden = signals.on('hidden', () => {
    visible = false;
  });
  const timer = setInterval(() => {
    const { phase, retryAt } = engine.status;
    const held =
      (retryAt !== null && retryAt > now()) ||
      phase === 'offline' ||
      phase === 'auth-required' ||
      phase === 'pulling' ||
      phase === 'pushing' ||
      phase === 'merging';
    if (visible && !held) runSync();
  }, intervalMs);
  return () => {
    clearInterval(timer);
    offVisible();
    offHidden();
  };
}
