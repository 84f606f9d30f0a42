import type { ContactDraft } from '../model/contact.js';
import type { OperationOutcome, RequestFailure } from '../policy/outcome.js';
import type { FieldError } from '../errors.js';
import type { FieldModel } from './field-model.js';
import type { RemoteContact } from './remote-contact.js';

export type { JsonValue, RecordMeta, RemoteContact, Version } from './remote-contact.js';

/**
 * The port every contacts service implements. Core never sees a wire format or an HTTP detail:
 * adapters translate their protocol into these types and back.
 *
 * Cursors and versions are opaque strings chosen by the adapter (an HTTP-date, a revision number,
 * a CardDAV sync-token or ETag). Core stores them and hands them back; it never compares them
 * except for equality.
 */
export type Cursor = string;
export type RemoteChange =
  { readonly kind: 'upsert'; readonly record: RemoteContact } | { readonly kind: 'delete'; readonly remoteId: string };

/**
 * One page of changes.
 * - `snapshot`: the page is part of the whole book. Contacts absent from every page of the snapshot
 *   were deleted on the server. Snapshot pages are never mixed with delta pages in one pull.
 * - `delta`: only the listed records changed; absent means unchanged.
 * `cursor` is where the next request continues. When `more` is false the cursor is the position to
 * store once the page has been applied; when true, pull again with it before storing anything that
 * depends on completeness (a snapshot's deletions).
 */
export interface PullPage {
  readonly kind: 'page';
  readonly mode: 'snapshot' | 'delta';
  readonly changes: readonly RemoteChange[];
  readonly cursor: Cursor;
  readonly more: boolean;
  /**
   * Snapshot pages only. `true` on a page with `more`: its cursor survives a restart, so the engine
   * stores it with the page, and a later pull (even in a new process) continues the snapshot from
   * it. An adapter that sets it must list the whole snapshot in `present` on its last page, because
   * pages applied before a restart are no longer in the engine's memory.
   */
  readonly resumable?: boolean;
  /**
   * Snapshot pages only: remote ids that belong to the snapshot although this page carries no
   * change for them (unchanged since the replica read them, or sent by an earlier page or run).
   * Counted as present when the snapshot's deletions are worked out.
   */
  readonly present?: readonly string[];
}

export interface NotModified {
  readonly kind: 'not-modified';
  /** A newer position the server reported, if any; otherwise the request's cursor stays. */
  readonly cursor?: Cursor;
}

export type PullOutcome = PullPage | NotModified | RequestFailure;

export interface PullRequest {
  /** null: no replica yet (or it must be rebuilt); the service answers with a snapshot. */
  readonly cursor: Cursor | null;
  /**
   * `complete`: the engine sent a create whose result it never received and must know whether the
   * server holds it. The adapter answers in a way that includes every write the server committed
   * before this request started (a delta if its deltas are immediate; otherwise a snapshot).
   */
  readonly consistency: 'delta' | 'complete';
  readonly signal?: AbortSignal;
}

/** A change the engine asks the service to make. `opId` is unique within one push. */
export type PushOperation =
  | { readonly kind: 'create'; readonly opId: string; readonly contact: ContactDraft }
  | {
      readonly kind: 'update';
      readonly opId: string;
      /** The server record this edit was made against: the merge base. */
      readonly base: RemoteContact;
      /** The whole new content; adapters send only what differs from `base.contact`. */
      readonly contact: ContactDraft;
    }
  | { readonly kind: 'delete'; readonly opId: string; readonly base: RemoteContact }
  /**
   * Book-level category changes, sent only to services with `traits.categoryOperations`. Other
   * services receive the same change as updates of every contact in the category.
   */
  | { readonly kind: 'rename-category'; readonly opId: string; readonly from: string; readonly to: string }
  | { readonly kind: 'remove-category'; readonly opId: string; readonly name: string };

export interface PushRequest {
  readonly operations: readonly PushOperation[];
  /** The cursor of the last applied pull (services that check revisions against it need it). */
  readonly cursor: Cursor | null;
  readonly signal?: AbortSignal;
}

/**
 * The answer to a push: exactly one outcome per operation, in request order. A service whose write
 * responses also carry remote changes (events since the cursor) returns them as `pulled`: the engine
 * applies the results, then that delta, and advances its cursor to `pulled.cursor` before it
 * resubmits anything. Echoes of this push's own successful writes are left out of `pulled` (they
 * are in `results`); applying either twice is harmless.
 */
export interface PushResults {
  readonly kind: 'results';
  readonly results: readonly OperationOutcome[];
  readonly pulled?: { readonly changes: readonly RemoteChange[]; readonly cursor: Cursor };
}

export type PushOutcome = PushResults | RequestFailure;

export interface ServiceTraits {
  /** Human-readable service name for status and logs. */
  readonly name: string;
  /**
   * `backoff`: failures may be retried automatically with exponential backoff.
   * `retry-after-only`: a failure is retried automatically only when the server sent a retry-after
   * (the Yahoo rule: seeds/yahoo-address-book-error-codes.txt, "Retrying Requests").
   */
  readonly retryMode: 'backoff' | 'retry-after-only';
  /** Largest number of operations one `push` call should carry. */
  readonly maxBatchSize: number;
  /** The service has book-level categories that can be renamed or removed in one operation. */
  readonly categoryOperations: boolean;
}

/**
 * The service port.
 * - `pull` and `push` never throw for anything the server or the network did: every response, and
 *   every transport failure, comes back as an outcome. They throw only for programming errors.
 * - Calls are made one at a time per engine; adapters need not be re-entrant.
 * - `push` is not atomic across operations: each result says what happened to its operation.
 */
export interface ContactService {
  readonly traits: ServiceTraits;
  /** What the service can store: merge, validation and forms read it (see field-model.ts). */
  readonly fieldModel?: FieldModel;
  pull(request: PullRequest): Promise<PullOutcome>;
  push(request: PushRequest): Promise<PushOutcome>;
  /**
   * The service's own content rules beyond the shared ones (e.g. one email per type), checked on
   * every local write so the user hears of a problem before the server refuses it. Pure.
   */
  validate?(contact: ContactDraft): readonly FieldError[];
}
