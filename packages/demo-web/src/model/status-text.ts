import type { SyncStatus } from '@contactsync/core';
import type { ChangeCounts } from './change-counts';
import { countText } from './format-time';

export interface StatusLine {
  readonly connection: 'online' | 'offline';
  readonly text: string;
  readonly tone: 'ok' | 'busy' | 'waiting' | 'problem';
}

/** A wait as a countdown: "5 s", "2 min 05 s", "1 h 04 min". */
export function countdownText(ms: number): string {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${String(seconds % 60).padStart(2, '0')} s`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

const NO_CHANGES: ChangeCounts = { toSend: 0, refused: 0 };

/**
 * What the sync bar says for a status at `now`. Pure, so every phase's wording is in one place.
 * `counts` come from the replica (what the badges show), so "waiting to be sent" is said only when a
 * sync will send something: refused changes wait for the person, not for a sync.
 */
export function statusLine(
  status: SyncStatus | null,
  browserOnline: boolean,
  counts: ChangeCounts | null = NO_CHANGES,
  now = Date.now(),
): StatusLine {
  const offline = !browserOnline || status?.phase === 'offline';
  const connection = offline ? 'offline' : 'online';
  if (status === null) return { connection, text: 'Opening the address book…', tone: 'busy' };
  const { toSend, refused } = counts ?? NO_CHANGES;
  const progress = status.progress === null ? '' : ` ${countText(status.progress.done)} of ${countText(status.progress.total)}`;
  const retry = status.retryAt === null || status.retryAt <= now ? '' : ` Trying again in ${countdownText(status.retryAt - now)}.`;
  switch (status.phase) {
    case 'pulling':
      return { connection, text: progress === '' ? 'Checking for changes…' : `Receiving contacts…${progress}`, tone: 'busy' };
    case 'pushing':
      return { connection, text: `Sending changes…${progress}`, tone: 'busy' };
    case 'merging':
      return { connection, text: 'Merging changes made on another device…', tone: 'busy' };
    case 'waiting': {
      const why = status.error === null ? 'The server asked the app to wait.' : status.error.userMessage;
      if (status.retryAt === null) return { connection, text: `${why} Waiting for the server.`, tone: 'waiting' };
      const left = status.retryAt - now;
      return {
        connection,
        text: left > 0 ? `${why} Trying again in ${countdownText(left)}.` : `${why} Trying again now…`,
        tone: 'waiting',
      };
    }
    case 'offline':
      return { connection, text: 'Offline. Changes stay on this device and are sent when you are back online.', tone: 'waiting' };
    case 'error':
      return { connection, text: `${status.error?.userMessage ?? 'The last sync did not finish.'}${retry}`, tone: 'problem' };
    case 'auth-required':
      return { connection, text: status.error?.userMessage ?? 'Sign in again so your contacts can sync.', tone: 'problem' };
    case 'idle':
      if (status.lastSyncedAt === null) return { connection, text: 'Not synced yet.', tone: 'busy' };
      if (toSend > 0) return { connection, text: 'Changes waiting to be sent.', tone: 'ok' };
      if (refused > 0) return { connection, text: 'Up to date, except the changes the server refused (see the inbox).', tone: 'problem' };
      return { connection, text: 'Up to date.', tone: 'ok' };
  }
}

/** Why "Sync now" is unavailable, or null when it is available. */
export function syncNowBlocked(status: SyncStatus | null, now = Date.now()): string | null {
  if (status === null) return 'The address book is still opening.';
  if (['pulling', 'pushing', 'merging'].includes(status.phase)) return null; // shown as "Syncing…"
  if (status.retryAt !== null && status.retryAt > now && (status.phase === 'waiting' || status.phase === 'error')) {
    return `The server asked the app to wait: Sync now is available again in ${countdownText(status.retryAt - now)}.`;
  }
  return null;
}
