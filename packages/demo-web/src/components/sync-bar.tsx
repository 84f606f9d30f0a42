import type { SyncStatus } from '@contactsync/core';
import type { DemoAccount } from '../../shared/demo-accounts';
import { countText, whenText } from '../model/format-time';
import { statusLine } from '../model/status-text';

export interface SyncBarProps {
  readonly account: DemoAccount;
  readonly status: SyncStatus | null;
  readonly browserOnline: boolean;
  readonly onSyncNow: () => void;
  readonly onSwitchAccount: () => void;
}

/** Sync state at a glance: connection, what the engine is doing, pending changes, last sync. */
export function SyncBar({ account, status, browserOnline, onSyncNow, onSwitchAccount }: SyncBarProps) {
  const line = statusLine(status, browserOnline);
  const busy = status !== null && ['pulling', 'pushing', 'merging'].includes(status.phase);
  const pending = status?.pending ?? 0;
  return (
    <header className="sync-bar">
      <div className="sync-bar-account">
        <h1>{account.label}</h1>
        <button type="button" className="link" onClick={onSwitchAccount}>
          Switch account
        </button>
      </div>
      <div className="sync-bar-state" data-testid="sync-state">
        <span className={`pill pill-${line.connection}`} data-testid="connection">
          {line.connection === 'online' ? 'Online' : 'Offline'}
        </span>
        <span className={`sync-line tone-${line.tone}`} role="status" data-testid="sync-line" data-phase={status?.phase ?? 'opening'}>
          {line.text}
        </span>
        <span className="sync-facts">
          <span data-testid="pending-count">{pending === 0 ? 'No pending changes' : `${countText(pending)} pending ${pending === 1 ? 'change' : 'changes'}`}</span>
          <span data-testid="last-synced">{status?.lastSyncedAt == null ? 'Never synced' : `Last synced ${whenText(status.lastSyncedAt)}`}</span>
        </span>
      </div>
      <button type="button" className="primary" onClick={onSyncNow} disabled={busy}>
        {busy ? 'Syncing…' : 'Sync now'}
      </button>
    </header>
  );
}
