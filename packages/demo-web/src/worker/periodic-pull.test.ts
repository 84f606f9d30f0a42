import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SyncEngine, SyncStatus } from '@contactsync/core';
import { startPeriodicPull } from './periodic-pull';
import { SignalHub } from './signal-hub';

const idle: SyncStatus = { phase: 'idle', progress: null, pending: 0, lastSyncedAt: 1, retryAt: null, error: null };

describe('periodic pull', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('pulls every interval while visible, not while hidden, and never inside a server wait', () => {
    let status = idle;
    const engine = {
      get status() {
        return status;
      },
    } as unknown as SyncEngine;
    const signals = new SignalHub();
    const runs: number[] = [];
    const stop = startPeriodicPull(
      engine,
      signals,
      1_000,
      () => runs.push(Date.now()),
      () => Date.now(),
    );
    vi.advanceTimersByTime(3_000);
    expect(runs).toHaveLength(3);

    signals.emit('hidden');
    vi.advanceTimersByTime(3_000);
    expect(runs).toHaveLength(3);

    signals.emit('visible');
    status = { ...idle, phase: 'waiting', retryAt: Date.now() + 2_500 };
    vi.advanceTimersByTime(2_000);
    expect(runs).toHaveLength(3);
    vi.advanceTimersByTime(1_000); // the wait is over
    expect(runs).toHaveLength(4);

    stop();
    vi.advanceTimersByTime(5_000);
    expect(runs).toHaveLength(4);
  });
});
