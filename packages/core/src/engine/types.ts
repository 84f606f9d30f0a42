import type { ContactService } from '../service/contact-service.js';

/** A destination for diagnostics. Core never writes to the console itself. */
export interface Logger {
  debug(message: string, details?: Readonly<Record<string, unknown>>): void;
  warn(message: string, details?: Readonly<Record<string, unknown>>): void;
}

export interface SyncEngineOptions {
  /** One IndexedDB database per account, e.g. `alice@live`. */
  readonly databaseName: string;
  readonly service: ContactService;
  /** Defaults to the browser's `indexedDB` global (pass fake-indexeddb's in Node). */
  readonly indexedDB?: IDBFactory;
  readonly IDBKeyRange?: typeof IDBKeyRange;
  /** Epoch-millisecond clock; defaults to `Date.now`. */
  readonly now?: () => number;
  /** Uniform [0, 1); defaults to `Math.random`. Used for jitter and local ids. */
  readonly random?: () => number;
  /** Merge-and-resubmit rounds per contact in one sync before it is reported as a conflict. */
  readonly maxConflictRounds?: number;
  /** Records written per IndexedDB transaction when applying pulled pages. */
  readonly pullChunkSize?: number;
  readonly logger?: Logger;
  /**
   * Longest wait for one port call (pull or push), in ms; default 30,000. Past it the call's
   * AbortSignal fires and the engine stops waiting, even for an adapter that ignores the signal.
   * A write that timed out counts as possibly applied (a create is looked for before it is resent).
   */
  readonly requestTimeoutMs?: number;
  /**
   * The same for a pull of the whole book (no cursor yet, or a complete pull after a lost create):
   * default 300,000. A large book is one long response (100,000 Windows Live contacts take about
   * 36 s on a desktop, more on a phone), so the per-request default would abort every initial sync.
   */
  readonly snapshotTimeoutMs?: number;
  /**
   * A clock no device-clock change moves, for server-imposed waits within a session. Defaults to
   * `performance.now`, or to `now` when `now` is given (tests with one fake clock).
   */
  readonly monotonicNow?: () => number;
  /**
   * The Web Locks manager that keeps engines of one account (tabs, workers) from syncing at once;
   * defaults to `navigator.locks` where present. `null`: none. Without it, outbox claims still
   * keep two engines from sending the same operation.
   */
  readonly locks?: LockManagerLike | null;
}

/** The part of the Web Locks API the engine uses. */
export interface LockManagerLike {
  request<T>(name: string, options: { readonly signal?: AbortSignal }, callback: () => Promise<T>): Promise<T>;
}

/** What the app passes to `sync()`. */
export interface SyncOptions {
  /**
   * The user freed storage space: a sync paused by a full disk (`storage-full`) may download
   * again. Without it such a sync returns at once, so a full device does not re-download the book
   * on every sync.
   */
  readonly storageFreed?: boolean;
  /**
   * The user agreed that a snapshot may delete most of the book: the answer to a report whose error
   * is `mass-delete-unconfirmed` (the server no longer lists most contacts; pull-run.ts).
   */
  readonly confirmMassDelete?: boolean;
}

export type { RejectedWrite, SyncOutcome, SyncPhase, SyncReport, SyncStatus } from '../status/sync-status.js';
export type { ConflictChoice, ConflictField, ConflictKind, ConflictRecord, ContactSyncState } from '../model/conflict-record.js';
