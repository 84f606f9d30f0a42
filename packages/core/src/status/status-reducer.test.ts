import { describe, expect, it } from 'vitest';
import type { SyncReport, SyncStatus } from './sync-status.js';
import { INITIAL_STATUS, statusReducer, type StatusAction } from './status-reducer.js';

const report = (change: Partial<SyncReport>): SyncReport => ({
  outcome: 'ok',
  pulled: { added: 0, updated: 0, removed: 0 },
  pushed: { created: 0, updated: 0, removed: 0 },
  merged: 0,
  rejected: [],
  pending: 0,
  retryAt: null,
  error: null,
  startedAt: 1_000,
  finishedAt: 2_000,
  ...change,
});

const run = (actions: StatusAction[], from: SyncStatus = INITIAL_STATUS): SyncStatus => actions.reduce(statusReducer, from);

describe('statusReducer', () => {
  it('goes through the phases of a run and ends idle with the time of the last sync', () => {
    const status = run([
      { type: 'run-started' },
      { type: 'progress', done: 2, total: 10 },
      { type: 'phase', phase: 'pushing' },
      { type: 'progress', done: 1, total: 1 },
      { type: 'run-finished', report: report({ pending: 0 }) },
    ]);
    expect(status).toEqual({ phase: 'idle', progress: null, pending: 0, lastSyncedAt: 2_000, retryAt: null, error: null });
  });

  const table: [SyncReport['outcome'], SyncStatus['phase']][] = [
    ['ok', 'idle'],
    ['partial', 'idle'],
    ['waiting', 'waiting'],
    ['failed', 'error'],
    ['auth-required', 'auth-required'],
    ['forbidden', 'error'],
    ['offline', 'offline'],
  ];
  for (const [outcome, phase] of table) {
    it(`a run ending ${outcome} leaves the phase ${phase}`, () => {
      expect(run([{ type: 'run-started' }, { type: 'run-finished', report: report({ outcome }) }]).phase).toBe(phase);
    });
  }

  it('keeps the last successful sync time through a failed run, and shows the wait', () => {
    const ok = run([{ type: 'run-finished', report: report({ finishedAt: 5_000 }) }]);
    const waiting = run(
      [
        { type: 'run-started' },
        {
          type: 'run-finished',
          report: report({ outcome: 'waiting', retryAt: 9_000, finishedAt: 6_000, error: { code: '503', userMessage: 'busy' } }),
        },
      ],
      ok,
    );
    expect(waiting).toMatchObject({ phase: 'waiting', lastSyncedAt: 5_000, retryAt: 9_000, error: { code: '503', userMessage: 'busy' } });
  });

  it('keeps progress while merging but resets it when a new phase starts', () => {
    const pulling = run([{ type: 'run-started' }, { type: 'progress', done: 3, total: 4 }]);
    expect(run([{ type: 'phase', phase: 'merging' }], pulling).progress).toEqual({ done: 3, total: 4 });
    expect(run([{ type: 'phase', phase: 'pushing' }], pulling).progress).toBeNull();
  });

  it('returns the same object when nothing changes, so subscribers are not woken', () => {
    const status = run([{ type: 'pending-changed', pending: 2 }]);
    expect(statusReducer(status, { type: 'pending-changed', pending: 2 })).toBe(status);
  });

  it('starts waiting when loaded with a scheduled retry', () => {
    expect(run([{ type: 'loaded', lastSyncedAt: 1, retryAt: 50, pending: 3 }])).toMatchObject({
      phase: 'waiting',
      retryAt: 50,
      pending: 3,
    });
  });
});
