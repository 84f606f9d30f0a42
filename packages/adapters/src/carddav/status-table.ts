import type { RequestFailure } from '@contactsync/core';
import { retryAfterMs } from '../kit/retry-after.js';
import { statusTable } from '../kit/status-table.js';
import type { DavResponse } from './http.js';

/**
 * CardDAV status codes -> what they mean for each request (RFC 4918, RFC 6352, RFC 6578, RFC 7232,
 * and the servers' own variants measured in docs/carddav.md), as the kit's status table: every listed
 * status decides something for every request kind, so no row is documentation only.
 * - create: PUT with If-None-Match: * (RFC 7232 §3.2); Radicale and Xandikos both answer 201, and a
 *   412 means the card is already there (a retried create whose answer was lost).
 * - update: PUT with If-Match; Radicale answers 201, Xandikos 204.
 * - delete: DELETE with If-Match; Radicale 200 with a multistatus body, Xandikos 204; already gone
 *   (404, 410) is done.
 * - read: GET of one card. multistatus: PROPFIND and REPORT answers (RFC 4918 §9.1: 207).
 * - sync: sync-collection (RFC 6578 §3.2); 403/409 with DAV:valid-sync-token, or 410, mean "start over".
 * A 207 to a PUT (Xandikos refusing a body) is a failure, never a success. Unlisted statuses: 5xx
 * back off, anything else is unexpected (`handlingOf`).
 */
const REQUEST_KINDS = ['create', 'update', 'delete', 'read', 'multistatus', 'sync'] as const;

export const CARDDAV_STATUS = statusTable({
  roles: REQUEST_KINDS,
  decisions: [
    'ok',
    'exists',
    'conflict',
    'gone',
    'rejected',
    'invalid-token',
    'maybe-invalid-token',
    'unsupported',
    'auth-required',
    'forbidden',
    'retry-at',
    'backoff',
    'unexpected',
  ],
  rows: {
    200: { create: 'ok', update: 'ok', delete: 'ok', read: 'ok', multistatus: 'unexpected', sync: 'unexpected' },
    201: { create: 'ok', update: 'ok', delete: 'unexpected', read: 'unexpected', multistatus: 'unexpected', sync: 'unexpected' },
    204: { create: 'ok', update: 'ok', delete: 'ok', read: 'unexpected', multistatus: 'unexpected', sync: 'unexpected' },
    207: { create: 'unexpected', update: 'unexpected', delete: 'unexpected', read: 'unexpected', multistatus: 'ok', sync: 'ok' },
    400: {
      create: 'rejected',
      update: 'rejected',
      delete: 'unexpected',
      read: 'unexpected',
      multistatus: 'unexpected',
      sync: 'unsupported',
    },
    401: 'auth-required',
    403: {
      create: 'forbidden',
      update: 'forbidden',
      delete: 'forbidden',
      read: 'forbidden',
      multistatus: 'forbidden',
      sync: 'maybe-invalid-token',
    },
    404: { create: 'unexpected', update: 'gone', delete: 'ok', read: 'gone', multistatus: 'gone', sync: 'unexpected' },
    405: {
      create: 'unexpected',
      update: 'unexpected',
      delete: 'unexpected',
      read: 'unexpected',
      multistatus: 'unexpected',
      sync: 'unsupported',
    },
    409: {
      create: 'rejected',
      update: 'rejected',
      delete: 'unexpected',
      read: 'unexpected',
      multistatus: 'unexpected',
      sync: 'maybe-invalid-token',
    },
    410: { create: 'unexpected', update: 'gone', delete: 'ok', read: 'gone', multistatus: 'unexpected', sync: 'invalid-token' },
    412: { create: 'exists', update: 'conflict', delete: 'conflict', read: 'unexpected', multistatus: 'unexpected', sync: 'unexpected' },
    413: {
      create: 'rejected',
      update: 'rejected',
      delete: 'unexpected',
      read: 'unexpected',
      multistatus: 'unexpected',
      sync: 'unexpected',
    },
    415: {
      create: 'rejected',
      update: 'rejected',
      delete: 'unexpected',
      read: 'unexpected',
      multistatus: 'unexpected',
      sync: 'unexpected',
    },
    429: 'retry-at',
    500: 'backoff',
    501: { create: 'backoff', update: 'backoff', delete: 'backoff', read: 'backoff', multistatus: 'backoff', sync: 'unsupported' },
    502: 'backoff',
    503: 'retry-at',
    504: 'backoff',
    507: { create: 'rejected', update: 'rejected', delete: 'backoff', read: 'backoff', multistatus: 'backoff', sync: 'backoff' },
  },
  otherwise: 'unexpected',
});

export type RequestKind = (typeof REQUEST_KINDS)[number];
export type StatusHandling = ReturnType<typeof CARDDAV_STATUS.decide>;

/** What `status` means for a request of this kind. */
export function handlingOf(kind: RequestKind, status: number): StatusHandling {
  if (!CARDDAV_STATUS.lists(status) && status >= 500) return 'backoff';
  return CARDDAV_STATUS.decide(status, kind);
}

export const CARDDAV_CODES = {
  unauthorized: 'carddav.unauthorized',
  forbidden: 'carddav.forbidden',
  busy: 'carddav.busy',
  serverError: 'carddav.server-error',
  unexpectedStatus: 'carddav.unexpected-status',
  malformed: 'carddav.malformed-response',
  foreignOrigin: 'carddav.foreign-origin',
  connectionLost: 'carddav.connection-lost',
  timeout: 'carddav.timeout',
  aborted: 'carddav.aborted',
  rejected: 'carddav.rejected',
  invalidContent: 'carddav.invalid-content',
  unreadableCard: 'carddav.unreadable-card',
  multistatusToPut: 'carddav.put-multistatus',
  unsupportedOperation: 'carddav.unsupported-operation',
  syncUnsupported: 'carddav.sync-unsupported',
} as const;

export const USER_MESSAGES = {
  unauthorized: 'The contacts server needs you to sign in again before your contacts can sync.',
  forbidden: 'The contacts server does not allow this account to change this address book. Your changes are kept on this device.',
  busy: 'The contacts server is busy right now. Syncing will continue shortly.',
  serverError: 'The contacts server had a problem. Syncing will try again later.',
  unexpectedStatus: 'The contacts server gave an answer this app did not expect.',
  malformed: 'The contacts server sent an answer this app could not read.',
  connectionLost: 'The connection to the contacts server was lost before it answered.',
  timeout: 'The contacts server took too long to answer. Syncing will try again later.',
  aborted: 'The sync was stopped before the contacts server answered.',
  rejected: 'The contacts server did not accept this contact.',
  invalidContent:
    'This contact has a value the address book cannot store (too long, or not an email address). Correct it and it will sync.',
  unreadableCard: 'This contact’s card on the server could not be read, so it is left unchanged there.',
  unsupportedOperation: 'This contacts server cannot do that in one step.',
} as const;

const debug = (response: DavResponse, line: string, extra = ''): string => `${response.status} on ${line}${extra}`;

/**
 * The failure a response means when it ends the request (`handlingOf` gave a failure, or the status
 * was unexpected). `write`: a 5xx to a write may have committed it.
 */
export function failureOf(response: DavResponse, line: string, write: boolean): RequestFailure {
  const handling = handlingOf('read', response.status);
  switch (handling) {
    case 'auth-required':
      return {
        kind: 'auth-required',
        code: CARDDAV_CODES.unauthorized,
        userMessage: USER_MESSAGES.unauthorized,
        debugMessage: debug(response, line),
      };
    case 'forbidden':
      return {
        kind: 'forbidden',
        code: CARDDAV_CODES.forbidden,
        userMessage: USER_MESSAGES.forbidden,
        debugMessage: debug(response, line),
      };
    case 'retry-at': {
      const wait = retryAfterMs(response.headers);
      if (wait !== null)
        return {
          kind: 'retry-at',
          retryAfterMs: wait,
          code: CARDDAV_CODES.busy,
          userMessage: USER_MESSAGES.busy,
          debugMessage: debug(response, line, `; Retry-After ${wait} ms`),
        };
      return {
        kind: 'failed',
        code: CARDDAV_CODES.serverError,
        userMessage: USER_MESSAGES.serverError,
        debugMessage: debug(response, line, ' without Retry-After'),
        maybeCommitted: write && response.status >= 500,
      };
    }
    case 'backoff':
      return {
        kind: 'failed',
        code: CARDDAV_CODES.serverError,
        userMessage: USER_MESSAGES.serverError,
        debugMessage: debug(response, line),
        maybeCommitted: write,
      };
    default:
      return {
        kind: 'failed',
        code: CARDDAV_CODES.unexpectedStatus,
        userMessage: USER_MESSAGES.unexpectedStatus,
        debugMessage: debug(response, line),
        maybeCommitted: false,
      };
  }
}

export function malformed(line: string, problem: string, maybeCommitted = false): RequestFailure {
  return {
    kind: 'failed',
    code: CARDDAV_CODES.malformed,
    userMessage: USER_MESSAGES.malformed,
    debugMessage: `${line}: ${problem}`,
    maybeCommitted,
  };
}
