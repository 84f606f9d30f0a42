import { Dexie, type EntityTable } from 'dexie';
import type { ContactDraft } from '../model/contact.js';
import type { ContactSyncState, ConflictField, ConflictKind } from '../model/conflict-record.js';
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
  /** Which engine is sending this entry, and until when (see outbox-claims.ts). */
  readonly claim?: OutboxClaim;
}

/**
 * An engine's hold on an entry it is about to send: set by compare-and-set in an IndexedDB
 * transaction, so two engines on one database (tabs, a page and a worker) never both send it.
 * `until` is on the engine's injected clock; past it the claimant is presumed dead.
 */
export interface OutboxClaim {
  readonly owner: string;
  readonly until: number;
}

/** A queued book-level category change (services with category operations only). */
export interface CategoryOpEntry {
  readonly id?: number;
  readonly kind: 'rename-category' | 'remove-category';
  readonly from: string;
  readonly to: string;
  readonly enqueuedAt: number;
  readonly claim?: OutboxClaim;
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
  /**
   * A server-imposed wait: no request may be sent before `durationMs` has passed since `start`
   * (device clock). Kept as start + duration, not as an end time, so that a clock found earlier
   * than `start` can be re-anchored (see server-wait.ts).
   */
  readonly wait: ServerWait | null;
  readonly lastSyncedAt: number | null;
  /**
   * A download stopped because this device's storage is full. Syncs do not start it again until
   * the app says space was freed (`sync({ storageFreed: true })`): no loop of whole-book downloads.
   */
  readonly storageFull?: boolean;
}

export interface ServerWait {
  readonly start: number;
  readonly durationMs: number;
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
  /** The engine's clock, for the upgrade of a stored wait. */
  readonly now?: () => number;
}

export function openReplicaDb(name: string, options: ReplicaDbOptions = {}): ReplicaDb {
  const now = options.now ?? Date.now;
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
  // Version 2: outbox claims (new optional fields, no new index) and the server-imposed wait as
  // start + duration. A version-1 `notBefore` (an absolute time) becomes a wait starting now for
  // what was left of it, never longer than it was.
  db.version(2)
    .stores({})
    .upgrade(async (tx) => {
      const t = now();
      await tx
        .table('syncState')
        .toCollection()
        .modify((row: { notBefore?: number | null; wait?: ServerWait | null }) => {
          const left = typeof row.notBefore === 'number' ? row.notBefore - t : 0;
          row.wait = left > 0 ? { start: t, durationMs: left } : null;
          delete row.notBefore;
        });
    });
  return db;
}

export const INITIAL_SYNC_STATE: SyncStateRow = {
  key: 'state',
  cursor: null,
  failures: 0,
  retryAt: null,
  wait: null,
  lastSyncedAt: null,
};
