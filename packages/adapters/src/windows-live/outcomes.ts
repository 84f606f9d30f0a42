import type { RequestFailure } from '@contactsync/core';
import { HEADERS } from './wire.js';

/**
 * Windows Live status codes -> core outcomes (PROTOCOLS.md §3; seeds/windows-live-contacts-status-codes.txt).
 * The service sends no error body, so a status and the request it answered are all there is to go
 * on; user-facing text is ours, one message per cause.
 */

/** How each status the seed document lists is handled. Successes are read by the request's own code. */
export const STATUS_HANDLING = {
  200: 'success',
  201: 'success',
  204: 'success',
  206: 'success',
  304: 'not-modified',
  400: 'rejected',
  401: 'auth-required',
  /** The read-only grant; the insert limit cannot arise (one object per POST, §1.2). */
  403: 'forbidden',
  /** Gone for an update, done for a delete, a failure anywhere else. */
  404: 'not-found',
  /** A request this client should never make: a bug, reported with the `Allow` header. */
  405: 'client-bug',
  409: 'rejected',
  412: 'conflict',
  500: 'failed',
  /** With Retry-After: wait; without: exactly like 500 (seed document, 504). */
  503: 'retry-or-failed',
  504: 'retry-or-failed',
} as const;

export type KnownStatus = keyof typeof STATUS_HANDLING;

export const WL_CODES = {
  badRequest: 'wl.bad-request',
  unauthorized: 'wl.unauthorized',
  readOnlyGrant: 'wl.read-only-grant',
  notFound: 'wl.not-found',
  methodNotAllowed: 'wl.method-not-allowed',
  duplicateEmailType: 'wl.duplicate-email-type',
  quotaExceeded: 'wl.quota-exceeded',
  serverError: 'wl.server-error',
  unavailable: 'wl.unavailable',
  contactsUnavailable: 'wl.contacts-unavailable',
  connectionLost: 'wl.connection-lost',
  aborted: 'wl.aborted',
  malformedResponse: 'wl.malformed-response',
  unexpectedStatus: 'wl.unexpected-status',
  unsupportedOperation: 'wl.unsupported-operation',
} as const;

export const USER_MESSAGES = {
  unauthorized:
    'Windows Live needs you to sign in again before your contacts can sync (or the account’s Family Safety settings do not allow it).',
  readOnlyGrant: 'This Windows Live sign-in only allows reading contacts, so your changes were not saved there. Sign in again and allow editing.',
  methodNotAllowed: 'The app sent Windows Live a request it does not accept. Your change is kept on this device.',
  serverError: 'Windows Live had a problem and did not save the change. It will be tried again.',
  unavailable: 'Windows Live is unavailable right now. Syncing will try again later.',
  busy: 'Windows Live is busy right now. Syncing will continue shortly.',
  connectionLost: 'The connection to Windows Live was lost before it answered.',
  aborted: 'The sync with Windows Live was stopped before it answered.',
  malformedResponse: 'Windows Live sent an answer this app could not read.',
  unexpectedStatus: 'Windows Live gave an answer this app did not expect.',
} as const;

export interface ResponseHead {
  readonly status: number;
  readonly headers: Headers;
}

/** The request a response answered, for debug text and context-dependent statuses. */
export interface RequestLine {
  readonly method: string;
  readonly path: string;
}

function debug(response: ResponseHead, request: RequestLine, extra = ''): string {
  return `${response.status} on ${request.method} ${request.path}${extra}`;
}

/** `Retry-After` in milliseconds: delta-seconds, or an HTTP-date against the response's `Date`. */
export function retryAfterMs(headers: Headers): number | null {
  const value = headers.get(HEADERS.retryAfter)?.trim();
  if (value === undefined || value === '') return null;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  const now = Date.parse(headers.get('Date') ?? '');
  if (Number.isNaN(at) || Number.isNaN(now)) return null;
  return Math.max(0, at - now);
}

/**
 * The failure a response means when it ends the request: 401, 403, 405, 500, 503, 504 and any
 * status this client did not expect at that point (e.g. a 409 to a GET). Statuses whose meaning
 * depends on the operation (400, 404, 409, 412) are read by the operation's own code first.
 */
export function requestFailure(response: ResponseHead, request: RequestLine): RequestFailure {
  const { status } = response;
  const handling = Object.hasOwn(STATUS_HANDLING, status) ? STATUS_HANDLING[status as KnownStatus] : 'unexpected';
  switch (handling) {
    case 'auth-required':
      return { kind: 'auth-required', code: WL_CODES.unauthorized, userMessage: USER_MESSAGES.unauthorized, debugMessage: debug(response, request) };
    case 'forbidden':
      return { kind: 'forbidden', code: WL_CODES.readOnlyGrant, userMessage: USER_MESSAGES.readOnlyGrant, debugMessage: debug(response, request, ' (read-only grant)') };
    case 'client-bug': {
      const allow = response.headers.get(HEADERS.allow) ?? '(none)';
      return {
        kind: 'failed',
        code: WL_CODES.methodNotAllowed,
        userMessage: USER_MESSAGES.methodNotAllowed,
        debugMessage: debug(response, request, `; Allow: ${allow} (a client bug)`),
        maybeCommitted: false,
        permanent: true,
      };
    }
    case 'retry-or-failed': {
      const code = status === 503 ? WL_CODES.unavailable : WL_CODES.contactsUnavailable;
      const wait = retryAfterMs(response.headers);
      if (wait !== null) {
        return { kind: 'retry-at', retryAfterMs: wait, code, userMessage: USER_MESSAGES.busy, debugMessage: debug(response, request, `; Retry-After ${wait / 1000}s`) };
      }
      return { kind: 'failed', code, userMessage: USER_MESSAGES.unavailable, debugMessage: debug(response, request, ' without Retry-After (handled as 500)'), maybeCommitted: false };
    }
    case 'failed':
      return { kind: 'failed', code: WL_CODES.serverError, userMessage: USER_MESSAGES.serverError, debugMessage: debug(response, request), maybeCommitted: false };
    default:
      // A success, refusal, 404 or 412 where the request does not expect one, or a status the
      // seed document does not list (502, 418, ...): nothing to act on, so a plain failure.
      return { kind: 'failed', code: WL_CODES.unexpectedStatus, userMessage: USER_MESSAGES.unexpectedStatus, debugMessage: debug(response, request), maybeCommitted: false };
  }
}

/** A response body or header this client could not read. */
export function malformed(request: RequestLine, problem: string, maybeCommitted: boolean): RequestFailure {
  return {
    kind: 'failed',
    code: WL_CODES.malformedResponse,
    userMessage: USER_MESSAGES.malformedResponse,
    debugMessage: `${request.method} ${request.path}: ${problem}`,
    maybeCommitted,
  };
}
