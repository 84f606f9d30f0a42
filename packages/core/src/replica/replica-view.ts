import type { Contact } from '../model/contact.js';
import type { ConflictRecord, ContactSyncState } from '../model/conflict-record.js';
import { openReplicaDb, type ReplicaDbOptions } from './schema.js';
import { toContact } from './rows.js';

export interface ContactWithState extends Contact {
  readonly syncState: ContactSyncState;
}

export interface ReplicaView {
  /** Every contact with its sync badge. Call inside Dexie's `liveQuery`/`useLiveQuery` to follow changes. */
  contacts(): Promise<ContactWithState[]>;
  contact(id: string): Promise<ContactWithState | undefined>;
  conflicts(): Promise<ConflictRecord[]>;
  pendingCount(): Promise<number>;
  close(): void;
}

/**
 * A read-only view of an account's replica, for a UI thread while the engine runs elsewhere (a Web
 * Worker). Dexie's live queries see the engine's writes across workers and tabs. It never writes.
 */
export function openReplicaView(databaseName: string, options: ReplicaDbOptions = {}): ReplicaView {
  const db = openReplicaDb(databaseName, options);
  const withState = (row: Parameters<typeof toContact>[0]): ContactWithState => ({ ...toContact(row), syncState: row.state });
  return {
    contacts: async () => (await db.contacts.toArray()).map(withState),
    contact: async (id) => {
      const row = await db.contacts.get(id);
      return row === undefined ? undefined : withState(row);
    },
    conflicts: async () => (await db.conflicts.toArray()).map((c) => ({ ...c, id: c.id ?? 0 })),
    pendingCount: async () => (await db.outbox.count()) + (await db.categoryOps.count()),
    close: () => db.close(),
  };
}
