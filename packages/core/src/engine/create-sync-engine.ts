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
import { browserEnvironment, startAutoSync, type AutoSyncEnvironment, type AutoSyncOptions } from './auto-sync.js';
import { changeCategory } from './local-categories.js';
import { resolveConflict } from './resolve-conflict.js';
import { ServerWaitClock } from './server-wait.js';
import { defaultLocks, singleFlight } from './single-flight.js';
import { runSync } from './sync-run.js';
import type { ConflictChoice, ConflictRecord, ContactSyncState, SyncEngineOptions, SyncOptions, SyncReport, SyncStatus } from './types.js';

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
  /**
   * Pulls, then pushes the outbox. Never throws for server or network failures: they end in the
   * report. `storageFreed`, `confirmMassDelete`: see `SyncOptions`.
   */
  sync(options?: SyncOptions): Promise<SyncReport>;
  readonly status: SyncStatus;
  subscribe(listener: (status: SyncStatus) => void): () => void;
  pendingChanges(): Promise<PendingChange[]>;
  conflicts(): Promise<ConflictRecord[]>;
  resolveConflict(conflictId: number, choice: ConflictChoice): Promise<void>;
  /**
   * Syncs on reconnect, when the app becomes visible, at each report's `retryAt`, and with
   * `interval` also periodically while visible; every server-imposed wait is obeyed. An
   * `AutoSyncEnvironment` alone is still accepted.
   */
  startAutoSync(options?: AutoSyncOptions | AutoSyncEnvironment): void;
  stopAutoSync(): void;
  /**
   * Aborts the requests in flight, waits (briefly: they stop at once) for the sync to store their
   * outcome, frees the Web Lock and the outbox claims, and closes the database.
   */
  close(): Promise<void>;
}

export interface CreateSyncEngineOptions extends SyncEngineOptions {
  readonly retryPolicy?: Partial<RetryPolicyOptions>;
}

export async function createSyncEngine(options: CreateSyncEngineOptions): Promise<SyncEngine> {
  const indexedDB = options.indexedDB ?? (globalThis as { indexedDB?: IDBFactory }).indexedDB;
  if (indexedDB === undefined) throw new SyncError('invalid-argument', 'No IndexedDB here: pass `indexedDB` (fake-indexeddb in Node).');
  const keyRange = options.IDBKeyRange ?? (globalThis as { IDBKeyRange?: typeof IDBKeyRange }).IDBKeyRange;
  const now = options.now ?? Date.now;
  const db = openReplicaDb(options.databaseName, keyRange ? { indexedDB, IDBKeyRange: keyRange, now } : { indexedDB, now });
  await db.open();

  const random = options.random ?? Math.random;
  const newId = options.random ? createIdGenerator(random) : () => crypto.randomUUID();
  const { service, logger } = options;
  const rules = serviceRules(service);
  const status = new StatusStore();
  let closed = false;
  const closing = new AbortController();
  const requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
  const monotonic = options.monotonicNow ?? (options.now ? options.now : () => performance.now());
  const waits = new ServerWaitClock(now, monotonic);
  const storageFull = { value: false };

  const pendingCount = async (): Promise<number> => (await db.outbox.count()) + (await db.categoryOps.count());
  const refreshPending = (): void => {
    pendingCount().then(
      (pending) => status.dispatch({ type: 'pending-changed', pending }),
      () => undefined,
    );
  };
  const state = await readSyncState(db);
  const wait = waits.remaining(state.wait);
  const retryAt = wait.remainingMs > 0 ? now() + wait.remainingMs : state.retryAt;
  status.dispatch({ type: 'loaded', lastSyncedAt: state.lastSyncedAt, retryAt, pending: await pendingCount() });

  const writes = createLocalWrites({
    db,
    now,
    newId,
    validate: rules.check,
    // Counted, not re-read: a count per write would double a write's IndexedDB round trips. Each
    // sync's report and each resolution set the exact figure again.
    onWrite: (delta) => status.dispatch({ type: 'pending-changed', pending: Math.max(0, status.current.pending + delta) }),
  });
  const open =
    <A extends unknown[], R>(fn: (...args: A) => Promise<R>) =>
    (...args: A): Promise<R> => {
      if (closed) return Promise.reject(new SyncError('closed', 'The contact engine was closed.'));
      return fn(...args);
    };

  // An id of its own per engine: claims tell engines on one database apart.
  const owner = newId();
  let runOptions: SyncOptions = {};
  const sync = singleFlight(
    `contactsync:${options.databaseName}`,
    options.locks === undefined ? defaultLocks() : options.locks,
    closing.signal,
    () =>
      runSync(
        {
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
          owner,
          // A claim outlives the request it covers (which ends at its timeout) with room for storing
          // the answer; past that its engine is presumed dead (a closed tab) and the entry is free.
          leaseMs: requestTimeoutMs + 60_000,
          guard: { timeoutMs: requestTimeoutMs, closing: closing.signal },
          snapshotTimeoutMs: options.snapshotTimeoutMs ?? 300_000,
          waits,
          storageFull,
        },
        takeRunOptions(),
      ),
  );
  const takeRunOptions = (): SyncOptions => {
    const taken = runOptions;
    runOptions = {};
    return taken;
  };
  let inFlight: Promise<unknown> | null = null;
  const tracked = (): Promise<SyncReport> => {
    const run = sync().catch((error: unknown) => {
      // close() gave up a wait for another engine's Web Lock.
      if (closing.signal.aborted && !(error instanceof SyncError))
        throw new SyncError('closed', 'The contact engine was closed.', { cause: error });
      throw error;
    });
    inFlight = run.catch(() => undefined);
    return run;
  };
  let autoSync: ReturnType<typeof startAutoSync> | null = null;
  const syncAndSchedule = async (syncOptions: SyncOptions = {}): Promise<SyncReport> => {
    if (syncOptions.storageFreed === true) runOptions = { ...runOptions, storageFreed: true };
    if (syncOptions.confirmMassDelete === true) runOptions = { ...runOptions, confirmMassDelete: true };
    const report = await tracked();
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
    conflicts: open(async () => (await db.conflicts.toArray()).map((c) => ({ ...c, id: c.id ?? 0 }))),
    resolveConflict: open(async (conflictId: number, choice: ConflictChoice) => {
      await resolveConflict(db, { update: writes.update, remove: writes.remove, check: rules.check }, now(), conflictId, choice);
      refreshPending();
    }),
    startAutoSync(given = {}) {
      if (closed || autoSync !== null) return;
      const auto: AutoSyncOptions = 'setTimer' in given ? { environment: given } : given;
      const environment = auto.environment ?? browserEnvironment();
      autoSync = startAutoSync(
        tracked,
        now,
        environment,
        (error) => logger?.warn('auto-sync failed', { error: String(error) }),
        auto.interval ?? null,
      );
      const retryAt = status.current.retryAt;
      if (retryAt !== null) autoSync.scheduleFrom({ retryAt });
    },
    stopAutoSync() {
      autoSync?.stop();
      autoSync = null;
    },
    async close() {
      if (closed) return;
      closed = true;
      autoSync?.stop();
      autoSync = null;
      closing.abort();
      // The run stops at once (its requests are abandoned) and stores their outcome, releasing its
      // claims and then its Web Lock; only then is the database closed under it.
      await inFlight;
      db.close();
    },
  };

  async function withRefresh<T>(work: Promise<T>): Promise<T> {
    const result = await work;
    refreshPending();
    return result;
  }
}
