import type { SyncStatus } from '@contactsync/core';
import type { DemoAccount } from '../../shared/demo-accounts';
import { useNow } from '../engine-client/use-now';
import type { ChangeCounts } from '../model/change-counts';
import { countText, whenText } from '../model/format-time';
import { statusLine, syncNowBlocked } from '../model/status-text';
import { ThemePicker } from './theme-picker';

export interface SyncBarProps {
  readonly account: DemoAccount;
  readonly status: SyncStatus | null;
  /** From the replica, as the badges are (null while it opens). */
  readonly counts: ChangeCounts | null;
  readonly browserOnline: boolean;
  readonly onSyncNow: () => void;
  readonly onSwitchAccount: () => void;
}

/** Sync state at a glance: connection, what the engine is doing, changes to send or refused, last sync. */
export function SyncBar({ account, status, counts, browserOnline, onSyncNow, onSwitchAccount }: SyncBarProps) {
  // A server wait is shown as a countdown, so the clock ticks while one runs.
  const now = useNow(status?.retryAt != null);
  const line = statusLine(status, browserOnline, counts, now);
  const busy = status !== null && ['pulling', 'pushing', 'merging'].includes(status.phase);
  const blocked = syncNowBlocked(status, now);
  const toSend = counts?.toSend ?? 0;
  const refused = counts?.refused ?? 0;
  return (
    <header className="sync-bar">
      <div className="sync-bar-account">
        <h1>{account.label}</h1>
        <button type="button" className="link" onClick={onSwitchAccount}>
          Switch account
        </button>
        <ThemePicker />
      </div>
      <div className="sync-bar-state" data-testid="sync-state">
        <span className={`pill pill-${line.connection}`} data-testid="connection">
          {line.connection === 'online' ? 'Online' : 'Offline'}
        </span>
        <span className={`sync-line tone-${line.tone}`} role="status" data-testid="sync-line" data-phase={status?.phase ?? 'opening'}>
          {line.text}
        </span>
        <span className="sync-facts">
          <span data-testid="pending-count">
            {/* Nothing is claimed before the replica has been read. */}
            {counts === null
              ? 'Counting changes…'
              : toSend === 0
                ? 'No pending changes'
                : `${countText(toSend)} pending ${toSend === 1 ? 'change' : 'changes'}`}
          </span>
          {refused === 0 ? null : (
            <span data-testid="refused-count" className="tone-problem">
              {countText(refused)} refused by the server
            </span>
          )}
          <span data-testid="last-synced">
            {status?.lastSyncedAt == null ? 'Never synced' : `Last synced ${whenText(status.lastSyncedAt)}`}
          </span>
        </span>
      </div>
      <div className="sync-now">
        <button
          type="button"
          className="primary"
          onClick={onSyncNow}
          disabled={busy || blocked !== null}
          aria-describedby={blocked === null ? undefined : 'sync-now-why'}
        >
          {busy ? 'Syncing…' : 'Sync now'}
        </button>
        {blocked === null ? null : (
          <span id="sync-now-why" className="sync-now-why" data-testid="sync-now-why">
            {blocked}
          </span>
        )}
      </div>
    </header>
  );
}
