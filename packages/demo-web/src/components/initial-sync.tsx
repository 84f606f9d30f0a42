import { useEffect, useState } from 'react';
import type { SyncStatus } from '@contactsync/core';
import { countText } from '../model/format-time';

type InitialSync =
  | { readonly kind: 'none' }
  | { readonly kind: 'running'; readonly done: number; readonly total: number }
  | { readonly kind: 'complete'; readonly total: number };

/**
 * Follows the first sync of an account (one that has never synced when it was opened): the engine's
 * progress while it runs, then how many contacts the replica holds once it has finished.
 */
export function useInitialSync(status: SyncStatus | null): InitialSync {
  const [state, setState] = useState<InitialSync>({ kind: 'none' });
  useEffect(() => {
    if (status === null) return;
    setState((previous) => {
      if (status.lastSyncedAt === null) {
        if (status.progress !== null) return { kind: 'running', done: status.progress.done, total: status.progress.total };
        return previous.kind === 'none' ? { kind: 'running', done: 0, total: 0 } : previous;
      }
      if (previous.kind === 'running') return { kind: 'complete', total: previous.total };
      return previous;
    });
  }, [status]);
  return state;
}

export interface InitialSyncProgressProps {
  readonly sync: InitialSync;
  readonly status: SyncStatus | null;
  /** Contacts in the replica now (the live query's count). */
  readonly stored: number;
  readonly onDismiss: () => void;
}

/** The first sync's progress bar with counts; when done, the bar stays full until dismissed. */
export function InitialSyncProgress({ sync, status, stored, onDismiss }: InitialSyncProgressProps) {
  if (sync.kind === 'none') return null;
  const stalled = sync.kind === 'running' && status !== null && ['offline', 'error', 'waiting', 'auth-required'].includes(status.phase);
  // Once complete, the total is the first sync's (later local creates are not part of it).
  const total = sync.kind === 'complete' && sync.total === 0 ? stored : sync.total;
  const done = sync.kind === 'complete' ? Math.min(stored, total) : sync.done;
  const label =
    sync.kind === 'complete'
      ? `First sync complete: ${countText(done)} of ${countText(total)} contacts on this device.`
      : stalled
        ? 'The first sync is paused; it continues when the server can be reached (see above).'
        : total === 0
          ? 'First sync: asking the server for your address book…'
          : `First sync: ${countText(done)} of ${countText(total)} contacts.`;
  return (
    <section className={`initial-sync initial-sync-${sync.kind}`} aria-label="First sync" data-testid="initial-sync">
      <p id="initial-sync-label">{label}</p>
      <progress
        aria-labelledby="initial-sync-label"
        role="progressbar"
        max={Math.max(total, 1)}
        value={done}
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={done}
        data-testid="initial-sync-bar"
      />
      {sync.kind === 'complete' ? (
        <button type="button" onClick={onDismiss}>
          Dismiss
        </button>
      ) : null}
    </section>
  );
}
