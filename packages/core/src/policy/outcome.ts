import type { RemoteContact } from '../service/remote-contact.js';

/**
 * The outcome taxonomy every adapter maps its responses into (docs/engine-port.md, "The port" and
 * "§3 The two services on the port"). Each server response becomes exactly one of these. User-facing text and debug text are separate fields, and
 * only `userMessage` may ever reach a UI.
 */

/** The server asked to be left alone until `retryAfterMs` from now has passed. */
export interface RetryAtOutcome {
  readonly kind: 'retry-at';
  readonly retryAfterMs: number;
  readonly code: string;
  readonly userMessage: string;
  readonly debugMessage?: string;
}

/**
 * A failure. `maybeCommitted`: the server may have applied the write before the failure (the
 * connection dropped after sending, or a timeout) so re-sending a create could duplicate it.
 */
export interface FailedOutcome {
  readonly kind: 'failed';
  readonly code: string;
  readonly userMessage: string;
  readonly debugMessage?: string;
  readonly maybeCommitted: boolean;
  /**
   * Sending the same request again cannot succeed (the service refused the request itself, e.g. a
   * method it does not allow: a client bug). Never retried automatically.
   */
  readonly permanent?: boolean;
}

export interface AuthRequiredOutcome {
  readonly kind: 'auth-required';
  readonly code: string;
  readonly userMessage: string;
  readonly debugMessage?: string;
}

export interface ForbiddenOutcome {
  readonly kind: 'forbidden';
  readonly code: string;
  readonly userMessage: string;
  readonly debugMessage?: string;
}

/** The network could not be reached at all: nothing was sent. */
export interface OfflineOutcome {
  readonly kind: 'offline';
  readonly debugMessage?: string;
}

/** Failures that end a whole request (and are also possible for a single operation). */
export type RequestFailure = RetryAtOutcome | FailedOutcome | AuthRequiredOutcome | ForbiddenOutcome | OfflineOutcome;

export type OperationOutcome =
  /** Applied. `record` is the server's state after the write (absent for a delete). */
  | { readonly kind: 'ok'; readonly record?: RemoteContact }
  /**
   * The base was stale. `current` is the server's state now, to merge with and resubmit against;
   * null when the server no longer has the record.
   */
  | { readonly kind: 'conflict'; readonly current: RemoteContact | null }
  /**
   * A category operation met a category that changed on the server since the cursor.
   * `currentName` is its name now, or null when it no longer exists.
   */
  | { readonly kind: 'category-conflict'; readonly currentName: string | null }
  /** The server refused the content. Re-sending it unchanged will fail again. */
  | {
      readonly kind: 'rejected';
      readonly code: string;
      readonly userMessage: string;
      readonly debugMessage?: string;
    }
  /** The target record no longer exists on the server. */
  | { readonly kind: 'gone' }
  | RequestFailure;

export type OutcomeKind = OperationOutcome['kind'];

export function isRequestFailure(outcome: { readonly kind: string }): outcome is RequestFailure {
  return (
    outcome.kind === 'retry-at' ||
    outcome.kind === 'failed' ||
    outcome.kind === 'auth-required' ||
    outcome.kind === 'forbidden' ||
    outcome.kind === 'offline'
  );
}

/** For exhaustive switches: a compile error names the case that was forgotten. */
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`unexpected ${what}: ${JSON.stringify(value)}`);
}
