import { useCallback, useEffect, useMemo, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { openReplicaView, type ContactWithState, type ReplicaView } from '@contactsync/core';
import type { DemoAccount } from '../../shared/demo-accounts';
import { EngineCallError, type EngineClient } from '../engine-client/engine-client';
import { useEngineStatus, useOnline, useSyncReports } from '../engine-client/use-engine-status';
import { changeCounts } from '../model/change-counts';
import { newest, settled, withOptimistic, type Optimistic } from '../model/optimistic-contacts';
import { pruneSentEdits, readSentEdits } from '../model/sent-edits';
import { usePersistentState } from '../model/use-persistent-state';
import { useReplicaSnapshot } from '../model/use-replica-snapshot';
import { ConflictsInbox } from './conflicts-inbox';
import { ContactsPanel, type PaneMode } from './contacts-panel';
import { KeptReplicaNotice } from './kept-replica-notice';
import { InitialSyncProgress, useInitialSync } from './initial-sync';
import { ServerConsole } from './server-console';
import { SyncBar } from './sync-bar';
import { SHORTCUTS, useShortcuts, type ShortcutKey } from './use-shortcuts';

type Tab = 'contacts' | 'inbox' | 'console';

export interface AccountScreenProps {
  readonly account: DemoAccount;
  readonly client: EngineClient;
  readonly onSwitchAccount: () => void;
}

/**
 * One open account: the engine (in the worker) is opened for it, and the replica is read here
 * through live queries, so the list shows whatever is on the device at once, synced or not.
 */
export function AccountScreen({ account, client, onSwitchAccount }: AccountScreenProps) {
  const [view, setView] = useState<ReplicaView | null>(null);
  const [openError, setOpenError] = useState<string | null>(null);
  // The open contact survives a reload (with the kept drafts, nothing typed is lost by one); a reload
  // starts on the contacts tab.
  const [tab, setTab] = useState<Tab>('contacts');
  const [selection, setSelection] = usePersistentState<{ id: string | null; mode: PaneMode }>(
    `selection:${account.databaseName}`,
    { id: null, mode: 'view' },
    isSelection,
  );
  const [optimistic, setOptimistic] = useState<Optimistic>(() => new Map());
  const [initialDismissed, setInitialDismissed] = useState(false);

  useEffect(() => {
    client.call('open', account).catch((error: unknown) => {
      setOpenError(error instanceof EngineCallError ? error.detail.userMessage : 'The address book could not be opened.');
    });
  }, [client, account]);

  useEffect(() => {
    const replica = openReplicaView(account.databaseName);
    setView(replica);
    return () => replica.close();
  }, [account.databaseName]);

  const status = useEngineStatus(client, account.id);
  // Contacts and the outbox size in one read, so the header's counts and the badges agree.
  const replica = useReplicaSnapshot(view, account.databaseName);
  const stored = replica?.contacts;
  useEffect(() => {
    if (stored === undefined) return;
    setOptimistic((previous) => settled(stored, previous));
    pruneSentEdits(account.databaseName, new Set(stored.filter((c) => c.syncState !== 'synced').map((c) => c.id)));
  }, [stored, account.databaseName]);
  const contacts = useMemo(() => (stored === undefined ? undefined : withOptimistic(stored, optimistic)), [stored, optimistic]);
  const counts = useMemo(
    () => (replica === undefined ? null : changeCounts(replica.contacts, replica.outbox, optimistic)),
    [replica, optimistic],
  );
  const conflicts = useLiveQuery(() => view?.conflicts(), [view]) ?? [];
  const reports = useSyncReports(client, account.id);
  const browserOnline = useOnline();
  const initialSync = useInitialSync(status);

  const byId = useMemo(() => new Map<string, ContactWithState>((contacts ?? []).map((c) => [c.id, c])), [contacts]);
  const selected = selection.id === null ? null : (newest(byId.get(selection.id), optimistic.get(selection.id)) ?? null);
  const select = (id: string | null, mode: PaneMode = 'view'): void => setSelection({ id, mode });

  const [showShortcuts, setShowShortcuts] = useState(false);
  const onShortcut = useCallback(
    (key: ShortcutKey): boolean => {
      if (key === '?') {
        setShowShortcuts((shown) => !shown);
        return true;
      }
      setTab('contacts');
      if (key === '/') {
        // After the contacts tab has rendered.
        requestAnimationFrame(() => document.querySelector<HTMLInputElement>('input[type="search"]')?.focus());
        return true;
      }
      if (key === 'n') {
        setSelection({ id: null, mode: 'new' });
        return true;
      }
      if (key === 'e' && selection.id !== null) {
        setSelection({ id: selection.id, mode: 'edit' });
        return true;
      }
      return false;
    },
    [selection.id, setSelection],
  );
  useShortcuts(onShortcut);

  const syncNow = (): void => {
    client.call('sync').catch(() => undefined); // the outcome shows in the status line and reports
  };

  const resolve = async (conflictId: number, choice: 'keep-local' | 'use-remote'): Promise<string | null> => {
    try {
      await client.call('resolveConflict', conflictId, choice);
      return null;
    } catch (error) {
      return error instanceof EngineCallError ? error.detail.userMessage : 'That could not be done.';
    }
  };

  const tabs: readonly (readonly [Tab, string])[] = [
    ['contacts', 'Contacts'],
    ['inbox', conflicts.length === 0 ? 'Inbox' : `Inbox (${conflicts.length})`],
    ['console', 'Server console'],
  ];

  return (
    <div className="account-screen">
      <SyncBar
        account={account}
        status={status}
        counts={counts}
        browserOnline={browserOnline}
        onSyncNow={syncNow}
        onSwitchAccount={onSwitchAccount}
      />
      {openError === null ? null : (
        <p className="form-failure" role="alert">
          {openError}
        </p>
      )}
      <KeptReplicaNotice account={account} client={client} />
      {initialDismissed ? null : (
        <InitialSyncProgress
          sync={initialSync}
          status={status}
          stored={contacts?.length ?? 0}
          onDismiss={() => setInitialDismissed(true)}
        />
      )}
      {showShortcuts ? (
        <section className="shortcuts" aria-labelledby="shortcuts-title" data-testid="shortcuts">
          <h2 id="shortcuts-title">Keyboard shortcuts</h2>
          <dl>
            {SHORTCUTS.map(([key, what]) => (
              <div key={key}>
                <dt>
                  <kbd>{key}</kbd>
                </dt>
                <dd>{what}</dd>
              </div>
            ))}
          </dl>
          <button type="button" onClick={() => setShowShortcuts(false)}>
            Close
          </button>
        </section>
      ) : null}
      <nav className="tabs" role="tablist" aria-label="Sections">
        {tabs.map(([id, label]) => (
          <button
            key={id}
            type="button"
            role="tab"
            id={`tab-${id}`}
            aria-selected={tab === id}
            aria-controls={`panel-${id}`}
            className={tab === id ? 'tab active' : 'tab'}
            onClick={() => setTab(id)}
          >
            {label}
          </button>
        ))}
      </nav>
      <main id={`panel-${tab}`} role="tabpanel" aria-labelledby={`tab-${tab}`} className="tab-panel">
        {tab === 'contacts' ? (
          <ContactsPanel
            client={client}
            databaseName={account.databaseName}
            serverHoldsCards={account.service === 'carddav'}
            onSaved={(contact) => setOptimistic((previous) => new Map(previous).set(contact.id, contact))}
            contacts={contacts}
            conflicts={conflicts}
            selected={selected}
            selectedId={selection.id}
            mode={selection.mode}
            onSelect={select}
          />
        ) : null}
        {tab === 'inbox' ? (
          <ConflictsInbox
            conflicts={conflicts}
            contacts={byId}
            reports={reports}
            sentEdits={(id) => readSentEdits(account.databaseName, id)}
            onResolve={resolve}
            onOpenContact={(id) => {
              select(id);
              setTab('contacts');
            }}
          />
        ) : null}
        {tab === 'console' ? <ServerConsole account={account} selected={selected} onNetworkBack={() => client.signal('online')} /> : null}
      </main>
    </div>
  );
}

function isSelection(value: unknown): value is { id: string | null; mode: PaneMode } {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    (v['id'] === null || typeof v['id'] === 'string') &&
    (v['mode'] === 'view' || v['mode'] === 'edit' || v['mode'] === 'new' || v['mode'] === 'duplicates')
  );
}
