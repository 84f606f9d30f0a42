/**
 * The one error class core throws. Thrown only for bad input from the caller, storage failures and
 * bugs; server and network failures are outcomes, not exceptions. `userMessage` may be shown;
 * `cause` is for logs.
 */
export type SyncErrorCode =
  | 'invalid-contact'
  | 'not-found'
  | 'storage-failed'
  /** The device's storage quota is used up (QuotaExceededError). */
  | 'storage-full'
  | 'closed'
  | 'invalid-argument';

export class SyncError extends Error {
  readonly code: SyncErrorCode;
  readonly userMessage: string;
  /** For `invalid-contact`: which fields failed, with a message each. */
  readonly fieldErrors: readonly FieldError[];

  constructor(code: SyncErrorCode, userMessage: string, options: { cause?: unknown; fieldErrors?: readonly FieldError[] } = {}) {
    super(userMessage, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'SyncError';
    this.code = code;
    this.userMessage = userMessage;
    this.fieldErrors = options.fieldErrors ?? [];
  }
}

export interface FieldError {
  /** A path into the draft, e.g. `emails.1.address` or `birthday`. */
  readonly path: string;
  readonly message: string;
}
