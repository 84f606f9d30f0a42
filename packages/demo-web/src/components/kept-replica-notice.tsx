import { useState, useSyncExternalStore } from 'react';
import { openReplicaView, pickDraft } from '@contactsync/core';
import type { DemoAccount } from '../../shared/demo-accounts';
import { forgetKeptReplica, keptReplicas, type KeptReplica } from '../accounts/load-accounts';
import type { EngineClient } from '../engine-client/engine-client';
import { countText } from '../model/format-time';

const subscribe = (listener: () => void): (() => void) => {
  window.addEventListener('contactsync-kept-replicas', listener);
  return () => window.removeEventListener('contactsync-kept-replicas', listener);
};

/**
 * Says what happened when the demo server restarted and this account's book started again from its
 * seed, while this device held changes it had not sent: they were kept, and can be added to the new
 * book (as new contacts: the old book's ids mean nothing to the new one) or discarded.
 */
export function KeptReplicaNotice({ account, client }: { readonly account: DemoAccount; readonly client: EngineClient }) {
  const all = useSyncExternalStore(subscribe, () => localStorage.getItem('contactsync-demo:kept-replicas') ?? '[]');
  const mine = keptReplicas().filter((r) => r.accountId === account.id && all !== '');
  const [result, setResult] = useState<string | null>(null);
  if (mine.length === 0)
    return result === null ? null : (
      <p className="kept-notice" role="status">
        {result}
      </p>
    );
  const unsent = mine.reduce((n, r) => n + r.unsent, 0);

  const carryOver = async (replicas: readonly KeptReplica[]): Promise<void> => {
    let added = 0;
    for (const replica of replicas) {
      const view = openReplicaView(replica.databaseName);
      const changed = (await view.contacts()).filter((c) => c.syncState !== 'synced');
      view.close();
      for (const contact of changed) {
        await client.call('create', pickDraft(contact));
        added++;
      }
      forgetKeptReplica(replica.databaseName);
    }
    setResult(`${countText(added)} ${added === 1 ? 'contact was' : 'contacts were'} added to this book; they are sent at the next sync.`);
  };

  return (
    <section className="kept-notice" aria-labelledby="kept-title" data-testid="kept-notice">
      <h2 id="kept-title">Changes kept from before the demo restarted</h2>
      <p>
        The demo server was restarted and this emulated {account.label} book started again from its sample contacts. {countText(unsent)}{' '}
        {unsent === 1 ? 'change' : 'changes'} you made here had not been sent yet; {unsent === 1 ? 'it was' : 'they were'} kept on this
        device. Adding them creates the contacts you created or edited as new contacts in this book (deletions are not repeated).
      </p>
      <div className="actions">
        <button type="button" className="primary" onClick={() => void carryOver(mine)}>
          Add them to this book
        </button>
        <button
          type="button"
          onClick={() => {
            for (const replica of mine) forgetKeptReplica(replica.databaseName);
            setResult('The changes kept from before the restart were discarded.');
          }}
        >
          Discard them
        </button>
      </div>
    </section>
  );
}
