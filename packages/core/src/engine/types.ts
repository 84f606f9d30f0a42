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

/**
 * - `storage-full`: this device's storage quota is used up; syncing pauses until the app calls
 *   `sync({ storageFreed: true })`.
 */
export type SyncOutcome = 'ok' | 'partial' | 'waiting' | 'failed' | 'auth-required' | 'forbidden' | 'offline' | 'storage-full';

export interface RejectedWrite {
  readonly contactId: string;
  readonly operation: 'create' | 'update' | 'delete';
  readonly code: string;
  /** The server's user-facing message (never its debug message). */
  readonly userMessage: string;
}

export interface SyncReport {
  readonly outcome: SyncOutcome;
  readonly pulled: { readonly added: number; readonly updated: number; readonly removed: number };
  readonly pushed: { readonly created: number; readonly updated: number; readonly removed: number };
  /** Conflicts resolved by merge-and-resubmit in this run. */
  readonly merged: number;
  readonly rejected: readonly RejectedWrite[];
  /** Outbox entries still waiting to reach the server after this run. */
  readonly pending: number;
  /** Epoch ms at which the engine will try again by itself (auto-sync), or null. */
  readonly retryAt: number | null;
  readonly error: { readonly code: string; readonly userMessage: string } | null;
  readonly startedAt: number;
  readonly finishedAt: number;
}

export type SyncPhase = 'idle' | 'pulling' | 'pushing' | 'merging' | 'waiting' | 'offline' | 'error' | 'auth-required';

export interface SyncStatus {
  readonly phase: SyncPhase;
  /** During pulls and pushes: records handled so far and the total known so far. */
  readonly progress: { readonly done: number; readonly total: number } | null;
  readonly pending: number;
  readonly lastSyncedAt: number | null;
  readonly retryAt: number | null;
  readonly error: { readonly code: string; readonly userMessage: string } | null;
}

export type ContactSyncState = 'synced' | 'pending' | 'conflict' | 'rejected';

export type ConflictKind =
  /** Both sides changed a field: the local value was kept, the remote one is recorded here. */
  | 'overwritten'
  /** Edited here, deleted on the server: the contact was re-created. */
  | 'recreated'
  /** Deleted here, edited on the server: the contact was kept with the server's edits. */
  | 'delete-undone'
  /** The merge-and-resubmit cap was reached; the change is still pending. */
  | 'unresolved'
  /**
   * The server refused the write, or the engine held back a merge the service would refuse (code
   * `merge-refused`); the local contact is kept as the user wrote it.
   */
  | 'rejected'
  /**
   * The user discarded a change ("use the server's version"); what they had written is kept here
   * (`localValue` per field) and `keep-local` brings it back as a new edit.
   */
  | 'discarded';

export interface ConflictField {
  /** A path into the contact, e.g. `name.given`, `notes`, `emails`. */
  readonly path: string;
  readonly localValue: unknown;
  readonly remoteValue: unknown;
}

export interface ConflictRecord {
  readonly id: number;
  readonly contactId: string;
  readonly kind: ConflictKind;
  readonly at: number;
  readonly fields: readonly ConflictField[];
  /** User-facing text (for `rejected`: the server's user message). */
  readonly message: string;
  readonly code?: string;
}

/**
 * - `keep-local`: dismiss the record; for `unresolved` and `rejected`, send the local state again
 *   (refused with `invalid-contact` while it breaks the account's rules); for `discarded`, bring the
 *   discarded values back as a new local edit.
 * - `use-remote`: restore the recorded remote values (an `overwritten` record) as a new local edit,
 *   or, for `unresolved` / `rejected` / `recreated`, drop the local change and return to the
 *   server's state, leaving a `discarded` record; for `discarded`, dismiss it.
 */
export type ConflictChoice = 'keep-local' | 'use-remote';
