import type { RequestFailure } from '@contactsync/core';
import { retryAfterMs, statusTable } from '../kit/index.js';
import { HEADERS } from './wire.js';

/**
 * Windows Live status codes -> core outcomes (docs/engine-port.md §3; seeds/windows-live-contacts-status-codes.txt).
 * The service sends no error body, so a status and the request it answered are all there is to go
 * on; user-facing text is ours, one message per cause.
 */

/** What a request does with a status depends on what it is: its role. */
export const WL_ROLES = ['book', 'delta', 'read', 'create', 'update', 'delete', 'child-create', 'child-delete'] as const;
export type WlRole = (typeof WL_ROLES)[number];

const UNEXPECTED = {
  book: 'unexpected',
  delta: 'unexpected',
  read: 'unexpected',
  create: 'unexpected',
  update: 'unexpected',
  delete: 'unexpected',
  'child-create': 'unexpected',
  'child-delete': 'unexpected',
} as const;

/**
 * Every status the seed document lists, decided for every role (seeds/windows-live-contacts-status-codes.txt).
 * Plain rows end the request whatever it was (see `requestFailure`); the others are read by the
 * operation's own code. Unlisted statuses (502, 418, ...) are unexpected: a plain failure.
 */
export const STATUS_HANDLING = {
  /** Writes answer 204 by the contract; a 200 with a body is a success all the same. */
  200: {
    ...UNEXPECTED,
    book: 'whole-book',
    delta: 'whole-book',
    read: 'found',
    update: 'written',
    delete: 'done',
    'child-delete': 'written',
  },
  201: { ...UNEXPECTED, create: 'created', 'child-create': 'created' },
  204: { ...UNEXPECTED, update: 'written', delete: 'done', 'child-delete': 'written' },
  206: { ...UNEXPECTED, delta: 'delta-page' },
  304: { ...UNEXPECTED, delta: 'not-modified' },
  400: { ...UNEXPECTED, create: 'refused', update: 'refused', 'child-create': 'refused' },
  401: 'auth-required',
  /** The read-only grant; the insert limit cannot arise (one object per POST, §1.2). */
  403: 'read-only-grant',
  /** Gone for an update, done for a delete, a failure anywhere else. */
  404: { ...UNEXPECTED, read: 'missing', update: 'gone', 'child-create': 'gone', delete: 'already-gone', 'child-delete': 'already-gone' },
  /** A request this client should never make: a bug, reported with the `Allow` header. */
  405: 'client-bug',
  409: { ...UNEXPECTED, create: 'unique-or-quota', update: 'unique-or-quota', 'child-create': 'unique-or-quota' },
  412: { ...UNEXPECTED, update: 'conflict', delete: 'conflict', 'child-create': 'conflict', 'child-delete': 'conflict' },
  500: 'server-error',
  /** With Retry-After: wait; without: exactly like 500 (seed document, 504). */
  503: 'busy',
  504: 'busy',
} as const;

export const WL_STATUS = statusTable({
  roles: WL_ROLES,
  decisions: [
    'whole-book',
    'delta-page',
    'not-modified',
    'found',
    'missing',
    'created',
    'written',
    'done',
    'already-gone',
    'gone',
    'refused',
    'unique-or-quota',
    'conflict',
    'auth-required',
    'read-only-grant',
    'client-bug',
    'server-error',
    'busy',
    'unexpected',
  ],
  rows: STATUS_HANDLING,
  otherwise: 'unexpected',
});

export type WlDecision = ReturnType<typeof WL_STATUS.decide>;

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
  timeout: 'wl.timeout',
  malformedResponse: 'wl.malformed-response',
  unexpectedStatus: 'wl.unexpected-status',
  unsupportedOperation: 'wl.unsupported-operation',
} as const;

export const USER_MESSAGES = {
  unauthorized:
    'Windows Live needs you to sign in again before your contacts can sync (or the account’s Family Safety settings do not allow it).',
  readOnlyGrant:
    'This Windows Live sign-in only allows reading contacts, so your changes were not saved there. Sign in again and allow editing.',
  methodNotAllowed: 'The app sent Windows Live a request it does not accept. Your change is kept on this device.',
  serverError: 'Windows Live had a problem and did not save the change. It will be tried again.',
  unavailable: 'Windows Live is unavailable right now. Syncing will try again later.',
  busy: 'Windows Live is busy right now. Syncing will continue shortly.',
  connectionLost: 'The connection to Windows Live was lost before it answered.',
  aborted: 'The sync with Windows Live was stopped before it answered.',
  timeout: 'Windows Live did not answer in time.',
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

/**
 * The failure a response means when it ends the request: 401, 403, 405, 500, 503, 504 and any
 * status this client did not expect at that point (e.g. a 409 to a GET). Statuses whose meaning
 * depends on the operation (400, 404, 409, 412) are read by the operation's own code first.
 */
export function requestFailure(response: ResponseHead, request: RequestLine): RequestFailure {
  const { status } = response;
  // Only a status decided alike for every role ends a request whatever it was.
  switch (WL_STATUS.uniform(status)) {
    case 'auth-required':
      return {
        kind: 'auth-required',
        code: WL_CODES.unauthorized,
        userMessage: USER_MESSAGES.unauthorized,
        debugMessage: debug(response, request),
      };
    case 'read-only-grant':
      return {
        kind: 'forbidden',
        code: WL_CODES.readOnlyGrant,
        userMessage: USER_MESSAGES.readOnlyGrant,
        debugMessage: debug(response, request, ' (read-only grant)'),
      };
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
    case 'busy': {
      const code = status === 503 ? WL_CODES.unavailable : WL_CODES.contactsUnavailable;
      const wait = retryAfterMs(response.headers);
      if (wait !== null) {
        return {
          kind: 'retry-at',
          retryAfterMs: wait,
          code,
          userMessage: USER_MESSAGES.busy,
          debugMessage: debug(response, request, `; Retry-After ${wait / 1000}s`),
        };
      }
      return {
        kind: 'failed',
        code,
        userMessage: USER_MESSAGES.unavailable,
        debugMessage: debug(response, request, ' without Retry-After (handled as 500)'),
        maybeCommitted: false,
      };
    }
    case 'server-error':
      return {
        kind: 'failed',
        code: WL_CODES.serverError,
        userMessage: USER_MESSAGES.serverError,
        debugMessage: debug(response, request),
        maybeCommitted: false,
      };
    default:
      // A success, refusal, 404 or 412 where the request does not expect one, or a status the
      // seed document does not list (502, 418, ...): nothing to act on, so a plain failure.
      return {
        kind: 'failed',
        code: WL_CODES.unexpectedStatus,
        userMessage: USER_MESSAGES.unexpectedStatus,
        debugMessage: debug(response, request),
        maybeCommitted: false,
      };
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
