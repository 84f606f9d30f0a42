import { describe, expect, it } from 'vitest';
import type { SyncStatus } from '@contactsync/core';
import { statusLine } from './status-text';

const status = (change: Partial<SyncStatus>): SyncStatus => ({ phase: 'idle', progress: null, pending: 0, lastSyncedAt: null, retryAt: null, error: null, ...change });

describe('status line', () => {
  it('says when a retry-after ends, as hh:mm:ss', () => {
    const retryAt = new Date(2026, 0, 2, 9, 5, 7).getTime();
    const line = statusLine(status({ phase: 'waiting', retryAt, error: { code: 'x', userMessage: 'Busy.' } }), true);
    expect(line).toEqual({ connection: 'online', text: 'Waiting until 09:05:07: Busy.', tone: 'waiting' });
  });

  it('is offline when the browser or the engine says so', () => {
    expect(statusLine(status({}), false).connection).toBe('offline');
    expect(statusLine(status({ phase: 'offline' }), true).connection).toBe('offline');
  });

  it('shows progress counts during a pull', () => {
    expect(statusLine(status({ phase: 'pulling', progress: { done: 1000, total: 2000 } }), true).text).toBe('Receiving contacts… 1,000 of 2,000');
  });
});
