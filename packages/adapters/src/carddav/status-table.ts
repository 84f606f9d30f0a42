import type { RequestFailure } from '@contactsync/core';
import { retryAfterMs } from '../kit/retry-after.js';
import type { DavResponse } from './http.js';

/**
 * CardDAV status codes -> what they mean for each request (RFC 4918, RFC 6352, RFC 6578, RFC 7232,
 * and the servers' own variants measured in docs/carddav.md). One table, read by every request's
 * code; a status a request does not list falls through to `COMMON`, then to `unexpected`.
 */
export const STATUS_TABLE = {
  /** PUT with If-None-Match: * (RFC 7232 §3.2). Radicale and Xandikos both answer 201. */
  create: {
    200: 'ok',
    201: 'ok',
    204: 'ok',
    412: 'exists',
    400: 'rejected',
    409: 'rejected',
    413: 'rejected',
    415: 'rejected',
    507: 'rejected',
  },
  /** PUT with If-Match: Radicale answers an update with 201, Xandikos with 204. */
  update: {
    200: 'ok',
    201: 'ok',
    204: 'ok',
    412: 'conflict',
    404: 'gone',
    410: 'gone',
    400: 'rejected',
    409: 'rejected',
    413: 'rejected',
    415: 'rejected',
    507: 'rejected',
  },
  /** DELETE with If-Match: Radicale 200 with a multistatus body, Xandikos 204; already gone is done. */
  delete: { 200: 'ok', 204: 'ok', 404: 'ok', 410: 'ok', 412: 'conflict' },
  /** GET of one card. */
  read: { 200: 'ok', 404: 'gone', 410: 'gone' },
  /** PROPFIND and REPORT answers (RFC 4918 §9.1: 207). */
  multistatus: { 207: 'ok', 404: 'gone' },
  /** sync-collection (RFC 6578 §3.2): 403/409 with DAV:valid-sync-token, or 410, mean "start over". */
  sync: {
    207: 'ok',
    403: 'maybe-invalid-token',
    409: 'maybe-invalid-token',
    410: 'invalid-token',
    400: 'unsupported',
    405: 'unsupported',
    501: 'unsupported',
  },
  /** Any request. A 207 to a PUT (Xandikos refusing a body) is a failure, never a success. */
  common: { 401: 'auth-required', 403: 'forbidden', 429: 'retry-at', 503: 'retry-at', 500: 'backoff', 502: 'backoff', 504: 'backoff' },
} as const;

export type RequestKind = Exclude<keyof typeof STATUS_TABLE, 'common'>;
type Table = typeof STATUS_TABLE;
export type StatusHandling = { [K in keyof Table]: Table[K][keyof Table[K]] }[keyof Table] | 'unexpected';

/** What `status` means for a request of this kind. */
export function handlingOf(kind: RequestKind, status: number): StatusHandling {
  const own: Readonly<Record<number, StatusHandling>> = STATUS_TABLE[kind];
  const common: Readonly<Record<number, StatusHandling>> = STATUS_TABLE.common;
  return own[status] ?? common[status] ?? (status >= 500 ? 'backoff' : 'unexpected');
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
