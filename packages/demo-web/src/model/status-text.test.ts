import { describe, expect, it } from 'vitest';
import type { SyncStatus } from '@contactsync/core';
import { countdownText, statusLine, syncNowBlocked } from './status-text';

const status = (change: Partial<SyncStatus>): SyncStatus => ({
  phase: 'idle',
  progress: null,
  pending: 0,
  lastSyncedAt: 1,
  retryAt: null,
  error: null,
  ...change,
});

describe('status line', () => {
  it('counts down to the end of a retry-after, and says why', () => {
    const now = 1_000_000;
    const waiting = status({ phase: 'waiting', retryAt: now + 17_200, error: { code: 'x', userMessage: 'The server is busy.' } });
    expect(statusLine(waiting, true, null, now)).toEqual({
      connection: 'online',
      text: 'The server is busy. Trying again in 18 s.',
      tone: 'waiting',
    });
    expect(statusLine(waiting, true, null, now + 600_000).text).toBe('The server is busy. Trying again now…');
    expect(countdownText(125_000)).toBe('2 min 05 s');
    expect(countdownText(3_840_000)).toBe('1 h 04 min');
  });

  it('blocks Sync now while a server wait runs, with the reason', () => {
    const now = 5_000;
    expect(syncNowBlocked(status({ phase: 'waiting', retryAt: now + 9_000 }), now)).toBe(
      'The server asked the app to wait: Sync now is available again in 9 s.',
    );
    expect(syncNowBlocked(status({ phase: 'waiting', retryAt: now - 1 }), now)).toBeNull();
    expect(syncNowBlocked(status({}), now)).toBeNull();
  });

  it('never says "up to date" before the first sync', () => {
    expect(statusLine(status({ lastSyncedAt: null }), true).text).toBe('Not synced yet.');
  });

  it('says "waiting to be sent" only when a sync will send something', () => {
    expect(statusLine(status({}), true, { toSend: 2, refused: 0 }).text).toBe('Changes waiting to be sent.');
    expect(statusLine(status({}), true, { toSend: 0, refused: 1 }).text).toMatch(/^Up to date, except the changes the server refused/);
    expect(statusLine(status({}), true, { toSend: 0, refused: 0 }).text).toBe('Up to date.');
  });

  it('is offline when the browser or the engine says so', () => {
    expect(statusLine(status({}), false).connection).toBe('offline');
    expect(statusLine(status({ phase: 'offline' }), true).connection).toBe('offline');
  });

  it('shows progress counts during a pull', () => {
    expect(statusLine(status({ phase: 'pulling', progress: { done: 1000, total: 2000 } }), true).text).toBe(
      'Receiving contacts… 1,000 of 2,000',
    );
  });
});
