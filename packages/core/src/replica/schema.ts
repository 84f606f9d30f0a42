import { Dexie, type EntityTable } from 'dexie';
import type { ContactDraft } from '../model/contact.js';
import type { ContactSyncState, ConflictField, ConflictKind } from '../engine/types.js';
import type { Cursor, RecordMeta, RemoteContact, Version } from '../service/contact-service.js';

/**
 * One replica row per live contact. The server id, version and adapter meta of the version it last
 * synced with sit inline, so a pull writes exactly one record per contact.
 */
export interface ContactRow extends ContactDraft {
  readonly id: string;
  readonly updatedAt: number;
  readonly remoteId?: string;
  readonly version?: Version;
  readonly meta?: RecordMeta;
  readonly state: ContactSyncState;
}

/**
 * One entry per contact with local changes the server has not acknowledged. The local content is
 * the contact row itself; the entry keeps what is needed to send it and merge it.
 * - `base`: the last server-acknowledged state, captured when the contact was first edited (null
 *   for a contact the server has never seen).
 * - `seq`: raised by every local edit, so a push result can tell whether the contact changed
 *   while the request was out.
 * - `status`: `ready` to send; `ambiguous` a create was sent and its result never came back (`sent`
 *   holds what was sent; the next pull decides); `conflict` the resubmit cap was hit; `rejected`
 *   the server refused it (kept until the user edits or resolves it).
 */
export interface OutboxEntry {
  readonly contactId: string;
  readonly kind: 'create' | 'update' | 'delete';
  readonly base: RemoteContact | null;
  readonly seq: number;
  readonly status: 'ready' | 'ambiguous' | 'conflict' | 'rejected';
  readonly enqueuedAt: number;
  readonly sent?: ContactDraft;
  /**
   * For a contact re-created because the server deleted it while it was edited here: the deleted
   * record. Another device may re-create it too; seeing that copy, this one merges into it.
   */
  readonly origin?: RemoteContact;
  readonly rejection?: { readonly code: string; readonly userMessage: string };
}

/** A queued book-level category change (services with category operations only). */
export interface CategoryOpEntry {
  readonly id?: number;
  readonly kind: 'rename-category' | 'remove-category';
  readonly from: string;
  readonly to: string;
  readonly enqueuedAt: number;
}

export interface ConflictRow {
  readonly id?: number;
  readonly contactId: string;
  readonly kind: ConflictKind;
  readonly at: number;
  readonly fields: readonly ConflictField[];
  readonly message: string;
  readonly code?: string;
}

/** The account's sync position and retry state: a single row. */
export interface SyncStateRow {
  readonly key: 'state';
  readonly cursor: Cursor | null;
  /** Consecutive failed runs, for the retry policy. */
  readonly failures: number;
  readonly retryAt: number | null;
  /** A server-imposed time before which no request may be sent. */
  readonly notBefore: number | null;
  readonly lastSyncedAt: number | null;
}

export type ReplicaDb = Dexie & {
  contacts: EntityTable<ContactRow, 'id'>;
  outbox: EntityTable<OutboxEntry, 'contactId'>;
  categoryOps: EntityTable<CategoryOpEntry, 'id'>;
  conflicts: EntityTable<ConflictRow, 'id'>;
  syncState: EntityTable<SyncStateRow, 'key'>;
};

export interface ReplicaDbOptions {
  readonly indexedDB?: IDBFactory;
  readonly IDBKeyRange?: typeof IDBKeyRange;
}

export function openReplicaDb(name: string, options: ReplicaDbOptions = {}): ReplicaDb {
  const dexieOptions: { indexedDB?: IDBFactory; IDBKeyRange?: typeof IDBKeyRange } = {};
  if (options.indexedDB) dexieOptions.indexedDB = options.indexedDB;
  if (options.IDBKeyRange) dexieOptions.IDBKeyRange = options.IDBKeyRange;
  const db = new Dexie(name, dexieOptions) as ReplicaDb;
  db.version(1).stores({
    contacts: 'id, remoteId',
    outbox: 'contactId',
    categoryOps: '++id',
    conflicts: '++id, contactId',
    syncState: 'key',
  });
  return db;
}

export const INITIAL_SYNC_STATE: SyncStateRow = {
  key: 'state',
  cursor: null,
  failures: 0,
  retryAt: null,
  notBefore: null,
  lastSyncedAt: null,
};
