import type { SyncStatus } from '@contactsync/core';
import { clockTime, countText } from './format-time';

export interface StatusLine {
  readonly connection: 'online' | 'offline';
  readonly text: string;
  readonly tone: 'ok' | 'busy' | 'waiting' | 'problem';
}

/** What the sync bar says for a status. Pure, so every phase's wording is in one place. */
export function statusLine(status: SyncStatus | null, browserOnline: boolean): StatusLine {
  const offline = !browserOnline || status?.phase === 'offline';
  const connection = offline ? 'offline' : 'online';
  if (status === null) return { connection, text: 'Opening the address book…', tone: 'busy' };
  const progress = status.progress === null ? '' : ` ${countText(status.progress.done)} of ${countText(status.progress.total)}`;
  const retry = status.retryAt === null ? '' : ` Trying again at ${clockTime(status.retryAt)}.`;
  switch (status.phase) {
    case 'pulling':
      return { connection, text: progress === '' ? 'Checking for changes…' : `Receiving contacts…${progress}`, tone: 'busy' };
    case 'pushing':
      return { connection, text: `Sending changes…${progress}`, tone: 'busy' };
    case 'merging':
      return { connection, text: 'Merging changes made on another device…', tone: 'busy' };
    case 'waiting':
      return {
        connection,
        text: status.retryAt === null ? 'Waiting for the server.' : `Waiting until ${clockTime(status.retryAt)}${status.error ? `: ${status.error.userMessage}` : ''}`,
        tone: 'waiting',
      };
    case 'offline':
      return { connection, text: 'Offline. Changes stay on this device and are sent when you are back online.', tone: 'waiting' };
    case 'error':
      return { connection, text: `${status.error?.userMessage ?? 'The last sync did not finish.'}${retry}`, tone: 'problem' };
    case 'auth-required':
      return { connection, text: status.error?.userMessage ?? 'Sign in again so your contacts can sync.', tone: 'problem' };
    case 'idle':
      return { connection, text: status.pending > 0 ? 'Changes waiting to be sent.' : 'Up to date.', tone: 'ok' };
  }
}
