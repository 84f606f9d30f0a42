import type { Contact, ContactInput } from '../model/contact.js';
import { deviceOnlyFields } from '../model/device-only.js';
import { pickDraft } from '../model/draft.js';
import { serviceRules } from '../merge/service-rules.js';
import type { FieldModel } from '../service/field-model.js';
import { SyncError } from '../errors.js';
import { DEFAULT_RETRY_POLICY, type RetryPolicyOptions } from '../policy/retry-policy.js';
import { openReplicaDb } from '../replica/schema.js';
import { readSyncState } from '../replica/sync-state.js';
import { createLocalWrites, type ContactPatch } from '../replica/local-writes.js';
import { toContact } from '../replica/rows.js';
import { StatusStore } from '../status/status-store.js';
import { createIdGenerator } from '../util/ids.js';
import { browserEnvironment, startAutoSync, type AutoSyncEnvironment } from './auto-sync.js';
import { changeCategory } from './local-categories.js';
import { resolveConflict } from './resolve-conflict.js';
import { singleFlight } from './single-flight.js';
import { runSync } from './sync-run.js';
import type {
  ConflictChoice,
  ConflictRecord,
  ContactSyncState,
  SyncEngineOptions,
  SyncReport,
  SyncStatus,
} from './types.js';

export interface PendingChange {
  readonly contactId: string;
  readonly kind: 'create' | 'update' | 'delete';
  readonly status: 'ready' | 'ambiguous' | 'conflict' | 'rejected';
  readonly enqueuedAt: number;
  /** For a refused write: the server's user-facing message. */
  readonly userMessage?: string;
}

export interface SyncEngine {
  readonly contacts: {
    create(input: ContactInput): Promise<Contact>;
    /** A partial contact laid over the current one, or an immer recipe `(draft) => void`. */
    update(id: string, patch: ContactPatch): Promise<Contact>;
    remove(id: string): Promise<void>;
    get(id: string): Promise<Contact | undefined>;
    list(): Promise<Contact[]>;
    /** Per-contact sync badge: synced, pending, conflict or rejected. */
    syncState(id: string): Promise<ContactSyncState | undefined>;
    /**
     * Paths of the contact's values the service cannot store (`name.prefix` on Windows Live): they
     * stay on this device, kept through remote edits, and are never sent.
     */
    deviceOnlyFields(id: string): Promise<string[]>;
  };
  /** What the account's service stores: the types, slots and limits a form should offer. */
  readonly fieldModel: FieldModel;
  readonly categories: {
    /** Renames a category on every contact; returns how many contacts changed. */
    rename(from: string, to: string): Promise<number>;
    remove(name: string): Promise<number>;
  };
  sync(): Promise<SyncReport>;
  /**
   * Syncs once allowing a snapshot to delete most of the book: the answer to a report whose error
   * is `mass-delete-unconfirmed` (the server no longer lists most contacts) when the user agrees.
   */
  confirmMassDelete(): Promise<SyncReport>;
  readonly status: SyncStatus;
  subscribe(listener: (status: SyncStatus) => void): () => void;
  pendingChanges(): Promise<PendingChange[]>;
  conflicts(): Promise<ConflictRecord[]>;
  resolveConflict(conflictId: number, choice: ConflictChoice): Promise<void>;
  startAutoSync(environment?: AutoSyncEnvironment): void;
  stopAutoSync(): void;
  close(): void;
}

export interface CreateSyncEngineOptions extends SyncEngineOptions {
  readonly retryPolicy?: Partial<RetryPolicyOptions>;
}

export async function createSyncEngine(options: CreateSyncEngineOptions): Promise<SyncEngine> {
  const indexedDB = options.indexedDB ?? (globalThis as { indexedDB?: IDBFactory }).indexedDB;
  if (indexedDB === undefined) throw new SyncError('invalid-argument', 'No IndexedDB here: pass `indexedDB` (fake-indexeddb in Node).');
  const keyRange = options.IDBKeyRange ?? (globalThis as { IDBKeyRange?: typeof IDBKeyRange }).IDBKeyRange;
  const db = openReplicaDb(options.databaseName, keyRange ? { indexedDB, IDBKeyRange: keyRange } : { indexedDB });
  await db.open();

  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const newId = options.random ? createIdGenerator(random) : () => crypto.randomUUID();
  const { service, logger } = options;
  const rules = serviceRules(service);
  const status = new StatusStore();
  let closed = false;

  const pendingCount = async (): Promise<number> => (await db.outbox.count()) + (await db.categoryOps.count());
  const refreshPending = (): void => {
    pendingCount().then((pending) => status.dispatch({ type: 'pending-changed', pending }), () => undefined);
  };
  const state = await readSyncState(db);
  status.dispatch({ type: 'loaded', lastSyncedAt: state.lastSyncedAt, retryAt: state.retryAt, pending: await pendingCount() });

  const writes = createLocalWrites({
    db,
    now,
    newId,
    validate: rules.check,
    // Counted, not re-read: a count per write would double a write's IndexedDB round trips. Each
    // sync's report and each resolution set the exact figure again.
    onWrite: (delta) => status.dispatch({ type: 'pending-changed', pending: Math.max(0, status.current.pending + delta) }),
  });
  const open = <A extends unknown[], R>(fn: (...args: A) => Promise<R>) => (...args: A): Promise<R> => {
    if (closed) return Promise.reject(new SyncError('closed', 'The contact engine was closed.'));
    return fn(...args);
  };

  let massDeleteConfirmed = false;
  const sync = singleFlight(`contactsync:${options.databaseName}`, () =>
    runSync({
      db,
      service,
      now,
      random,
      newId,
      chunkSize: options.pullChunkSize ?? 2_000,
      maxConflictRounds: options.maxConflictRounds ?? 5,
      retryPolicy: { ...DEFAULT_RETRY_POLICY, ...options.retryPolicy },
      logger,
      status,
      massDeleteConfirmed: () => {
        const confirmed = massDeleteConfirmed;
        massDeleteConfirmed = false;
        return confirmed;
      },
    }),
  );
  let autoSync: ReturnType<typeof startAutoSync> | null = null;
  const syncAndSchedule = async (): Promise<SyncReport> => {
    const report = await sync();
    autoSync?.scheduleFrom(report);
    return report;
  };

  return {
    contacts: {
      create: open(writes.create),
      update: open(writes.update),
      remove: open(writes.remove),
      get: open(async (id: string) => {
        const row = await db.contacts.get(id);
        return row === undefined ? undefined : toContact(row);
      }),
      list: open(async () => (await db.contacts.toArray()).map(toContact)),
      syncState: open(async (id: string) => (await db.contacts.get(id))?.state),
      deviceOnlyFields: open(async (id: string) => {
        const row = await db.contacts.get(id);
        return row === undefined ? [] : deviceOnlyFields(pickDraft(row), rules.model);
      }),
    },
    fieldModel: rules.model,
    categories: {
      rename: open(async (from: string, to: string) => withRefresh(changeCategory(db, service, now(), from, to))),
      remove: open(async (name: string) => withRefresh(changeCategory(db, service, now(), name, null))),
    },
    sync: open(syncAndSchedule),
    confirmMassDelete: open(async () => {
      massDeleteConfirmed = true;
      return syncAndSchedule();
    }),
    get status() {
      return status.current;
    },
    subscribe: (listener) => status.subscribe(listener),
    pendingChanges: open(async () =>
      (await db.outbox.toArray()).map((e) => ({
        contactId: e.contactId,
        kind: e.kind,
        status: e.status,
        enqueuedAt: e.enqueuedAt,
        ...(e.rejection ? { userMessage: e.rejection.userMessage } : {}),
      })),
    ),
    conflicts: open(async () =>
      (await db.conflicts.toArray()).map((c) => ({ ...c, id: c.id ?? 0 })),
    ),
    resolveConflict: open(async (conflictId: number, choice: ConflictChoice) => {
      await resolveConflict(db, { update: writes.update, remove: writes.remove, check: rules.check }, now(), conflictId, choice);
      refreshPending();
    }),
    startAutoSync(environment = browserEnvironment()) {
      if (closed || autoSync !== null) return;
      autoSync = startAutoSync(sync, now, environment, (error) => logger?.warn('auto-sync failed', { error: String(error) }));
      const retryAt = status.current.retryAt;
      if (retryAt !== null) autoSync.scheduleFrom({ retryAt });
    },
    stopAutoSync() {
      autoSync?.stop();
      autoSync = null;
    },
    close() {
      closed = true;
      autoSync?.stop();
      autoSync = null;
      db.close();
    },
  };

  async function withRefresh<T>(work: Promise<T>): Promise<T> {
    const result = await work;
    refreshPending();
    return result;
  }
}
