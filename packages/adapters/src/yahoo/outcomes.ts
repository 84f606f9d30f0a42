import type { OperationOutcome, RequestFailure } from '@contactsync/core';
import type { WireError } from './wire.js';

/**
 * Every code of seeds/yahoo-address-book-error-codes.txt, keyed by its absolute value (the seed:
 * codes are signed, and some historical clients saw them unsigned), with its canonical signed form
 * and what it means for this client (docs/engine-port.md §3).
 */
export const YAHOO_CODES = {
  80040: { code: 80040, means: 'invalid-request' },
  80030: { code: 80030, means: 'invalid-request' },
  80020: { code: 80020, means: 'invalid-request' },
  70040: { code: 70040, means: 'invalid-request' },
  17005: { code: -17005, means: 'auth' },
  17010: { code: -17010, means: 'timeout' },
  17011: { code: -17011, means: 'unavailable' },
  40006: { code: -40006, means: 'invalid-request' },
  40007: { code: -40007, means: 'invalid-request' },
  40009: { code: -40009, means: 'rejected' },
  40012: { code: -40012, means: 'rejected' },
  40014: { code: -40014, means: 'rejected' },
  40015: { code: -40015, means: 'rejected' },
  40020: { code: -40020, means: 'rejected' },
  40021: { code: -40021, means: 'rejected' },
  40022: { code: -40022, means: 'rejected' },
  40031: { code: -40031, means: 'rejected' },
  40032: { code: -40032, means: 'rejected' },
  40034: { code: -40034, means: 'rejected' },
  40038: { code: -40038, means: 'rejected' },
  40039: { code: -40039, means: 'rejected' },
  40040: { code: -40040, means: 'rejected' },
  40042: { code: -40042, means: 'rejected' },
  40043: { code: -40043, means: 'rejected' },
  40044: { code: -40044, means: 'duplicate-equal' },
  40045: { code: -40045, means: 'rejected' },
  40046: { code: -40046, means: 'rejected' },
  40047: { code: -40047, means: 'rejected' },
  40048: { code: -40048, means: 'rejected' },
  40049: { code: -40049, means: 'rejected' },
  40060: { code: -40060, means: 'rejected' },
  40061: { code: -40061, means: 'rejected' },
  40062: { code: -40062, means: 'rejected' },
  40063: { code: -40063, means: 'rejected' },
  40064: { code: -40064, means: 'rejected' },
  40101: { code: -40101, means: 'auth' },
  40102: { code: -40102, means: 'auth' },
  40103: { code: -40103, means: 'auth' },
  40303: { code: -40303, means: 'forbidden' },
  40304: { code: -40304, means: 'forbidden' },
  40402: { code: -40402, means: 'unknown-contact' },
  40403: { code: -40403, means: 'unknown-category' },
  40404: { code: -40404, means: 'unknown-field' },
  40902: { code: -40902, means: 'contact-revision' },
  40903: { code: -40903, means: 'category-revision' },
  40904: { code: -40904, means: 'contact-revision' },
  50302: { code: -50302, means: 'unavailable' },
} as const;

export type CodeMeaning = (typeof YAHOO_CODES)[keyof typeof YAHOO_CODES]['means'] | 'unknown';

/** The seed: an undocumented code "should be treated as 'Operation failed'". */
export const OPERATION_FAILED = 'Operation failed';

export function meaningOf(code: number): { readonly code: string; readonly means: CodeMeaning } {
  const key = Math.abs(code);
  const known = Object.hasOwn(YAHOO_CODES, key) ? YAHOO_CODES[key as keyof typeof YAHOO_CODES] : undefined;
  return known === undefined ? { code: String(code), means: 'unknown' } : { code: String(known.code), means: known.means };
}

/** Shown when the server sent no user-message for a code (the seed gives none for many). */
const FALLBACK: Readonly<Record<CodeMeaning, string>> = {
  'invalid-request': OPERATION_FAILED,
  auth: 'Please sign in to Yahoo again.',
  timeout: 'The address book did not answer in time. Your changes are kept and will be sent again.',
  unavailable: 'The address book is not available right now. Your changes are kept and will be sent again.',
  rejected: 'The address book refused this change.',
  'duplicate-equal': 'This contact already exists in the address book.',
  forbidden: 'This application may not change the address book.',
  'unknown-contact': 'The contact does not exist.',
  'unknown-category': 'The category does not exist.',
  'unknown-field': OPERATION_FAILED,
  'contact-revision': OPERATION_FAILED,
  'category-revision': OPERATION_FAILED,
  unknown: OPERATION_FAILED,
};

/** The user-facing text: the server's user-message (never its debug-message), else a fallback. */
function userMessage(error: WireError, means: CodeMeaning): string {
  if (means === 'unknown') return OPERATION_FAILED;
  return error.userMessage.trim() === '' ? FALLBACK[means] : error.userMessage;
}

const debug = (error: WireError) => (error.debugMessage === '' ? {} : { debugMessage: error.debugMessage });

/**
 * A failure of a whole request (or the request-level meaning of a nested one). `retryAfterMs`: the
 * larger of the body's `retry-after` and the `Retry-After` header. `maybeCommitted`: the server may
 * have applied the writes (a timeout; or `writes` and no structured verdict).
 */
export function failureOutcome(
  error: WireError,
  options: { readonly retryAfterMs: number | null; readonly writes: boolean },
): RequestFailure {
  const { code, means } = meaningOf(error.code);
  const message = userMessage(error, means);
  if (means === 'auth') return { kind: 'auth-required', code, userMessage: message, ...debug(error) };
  if (means === 'forbidden') return { kind: 'forbidden', code, userMessage: message, ...debug(error) };
  const bodyMs = error.retryAfter === undefined ? null : error.retryAfter * 1000;
  const retryAfterMs = bodyMs === null ? options.retryAfterMs : Math.max(bodyMs, options.retryAfterMs ?? 0);
  if (retryAfterMs !== null) return { kind: 'retry-at', retryAfterMs, code, userMessage: message, ...debug(error) };
  return { kind: 'failed', code, userMessage: message, ...debug(error), maybeCommitted: options.writes && means === 'timeout' };
}

/** What a nested error means for the operation that caused it. Some need the response to finish. */
export type NestedVerdict =
  | { readonly kind: 'conflict' }
  | { readonly kind: 'category-conflict' }
  | { readonly kind: 'adopt-duplicate'; readonly rejected: OperationOutcome }
  | { readonly kind: 'done'; readonly outcome: OperationOutcome };

export type OperationTarget = 'create' | 'update' | 'delete' | 'category';

export function nestedVerdict(error: WireError, target: OperationTarget): NestedVerdict {
  const { code, means } = meaningOf(error.code);
  const done = (outcome: OperationOutcome): NestedVerdict => ({ kind: 'done', outcome });
  const rejected: OperationOutcome = { kind: 'rejected', code, userMessage: userMessage(error, means), ...debug(error) };
  switch (means) {
    case 'auth':
    case 'forbidden':
      return done(failureOutcome(error, { retryAfterMs: null, writes: true }));
    case 'contact-revision':
    case 'unknown-field':
      // The contact changed (a field it touches is gone, or newer): merge and resubmit.
      return target === 'category' ? done(rejected) : { kind: 'conflict' };
    case 'category-revision':
      return target === 'category' ? { kind: 'category-conflict' } : { kind: 'conflict' };
    case 'unknown-category':
      // A category op on a category that is gone; a contact whose category is gone changed too.
      return target === 'category' ? { kind: 'category-conflict' } : target === 'create' ? done(rejected) : { kind: 'conflict' };
    case 'unknown-contact':
      if (target === 'update') return done({ kind: 'gone' });
      if (target === 'delete') return done({ kind: 'ok' });
      return done(rejected);
    case 'duplicate-equal':
      return target === 'create' ? { kind: 'adopt-duplicate', rejected } : done(rejected);
    default:
      break;
  }
  // Only a retry-after allows an automatic retry (seed, "Retrying Requests").
  if (error.retryAfter !== undefined) return done(failureOutcome(error, { retryAfterMs: null, writes: true }));
  if (means === 'rejected' || means === 'invalid-request') return done(rejected);
  return done(failureOutcome(error, { retryAfterMs: null, writes: true }));
}
