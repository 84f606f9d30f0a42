import type { RequestFailure } from '@contactsync/core';
import { retryAfterMs, statusTable } from '../kit/index.js';

/**
 * Graph statuses -> decisions, per request role, as data (docs/microsoft-graph.md, "Statuses"). Rows
 * that name one decision end the request whatever it was (`requestFailure`); the others are read by
 * the request's own code. A 4xx whose error code says the sync state is unusable is a resync
 * whatever its status (read by `pull` from the body, before this table).
 */
export const GRAPH_ROLES = ['delta', 'read', 'list', 'create', 'update', 'delete', 'batch'] as const;
export type GraphRole = (typeof GRAPH_ROLES)[number];

const UNEXPECTED = {
  delta: 'unexpected',
  read: 'unexpected',
  list: 'unexpected',
  create: 'unexpected',
  update: 'unexpected',
  delete: 'unexpected',
  batch: 'unexpected',
} as const;

export const STATUS_HANDLING = {
  200: { delta: 'success', read: 'success', list: 'success', create: 'success', update: 'success', delete: 'success', batch: 'success' },
  201: { ...UNEXPECTED, create: 'success' },
  204: { ...UNEXPECTED, update: 'success', delete: 'success' },
  400: { ...UNEXPECTED, create: 'rejected', update: 'rejected' },
  401: 'auth-required',
  403: 'forbidden',
  /** Gone for an update, done for a delete, deleted meanwhile for a read. */
  404: { ...UNEXPECTED, read: 'missing', update: 'gone', delete: 'already-gone' },
  /** ErrorIrresolvableConflict comes as 412, on some paths as 409: the base is stale either way. */
  409: { ...UNEXPECTED, create: 'rejected', update: 'conflict', delete: 'conflict' },
  410: { ...UNEXPECTED, delta: 'resync' },
  412: { ...UNEXPECTED, update: 'conflict', delete: 'conflict' },
  413: { ...UNEXPECTED, create: 'rejected', update: 'rejected' },
  /** A batch item that depended on a failed one: never executed, so safe to send again. */
  424: 'not-executed',
  /** With Retry-After: wait at least that long; without: a failure core backs off from. */
  429: 'busy',
  500: 'server-error',
  502: 'server-error',
  503: 'busy',
  504: 'busy',
} as const;

export const GRAPH_STATUS = statusTable({
  roles: GRAPH_ROLES,
  decisions: [
    'success',
    'rejected',
    'missing',
    'gone',
    'already-gone',
    'conflict',
    'resync',
    'auth-required',
    'forbidden',
    'not-executed',
    'busy',
    'server-error',
    'unexpected',
  ],
  rows: STATUS_HANDLING,
  otherwise: 'unexpected',
});

/** Error codes in a 4xx body that mean the delta token is no longer usable: start a new round. */
export const RESYNC_ERROR_CODES: ReadonlySet<string> = new Set(['syncstatenotfound', 'syncstateinvalid', 'resyncrequired']);

export const GRAPH_CODES = {
  unauthorized: 'graph.unauthorized',
  forbidden: 'graph.forbidden',
  throttled: 'graph.throttled',
  unavailable: 'graph.unavailable',
  serverError: 'graph.server-error',
  notExecuted: 'graph.not-executed',
  connectionLost: 'graph.connection-lost',
  timeout: 'graph.timeout',
  aborted: 'graph.aborted',
  malformedResponse: 'graph.malformed-response',
  unexpectedStatus: 'graph.unexpected-status',
  foreignLink: 'graph.foreign-link',
  invalidRequest: 'graph.invalid-request',
  unsupportedOperation: 'graph.unsupported-operation',
} as const;

export const USER_MESSAGES = {
  unauthorized: 'Outlook needs you to sign in again before your contacts can sync.',
  forbidden: 'This Outlook sign-in does not allow changing contacts. Sign in again and allow it.',
  busy: 'Outlook is busy right now. Syncing will continue shortly.',
  unavailable: 'Outlook is unavailable right now. Syncing will try again later.',
  serverError: 'Outlook had a problem and did not save the change. It will be tried again.',
  notExecuted: 'Outlook did not get to this change. It will be tried again.',
  connectionLost: 'The connection to Outlook was lost before it answered.',
  timeout: 'Outlook took too long to answer. Syncing will try again.',
  aborted: 'The sync with Outlook was stopped before it answered.',
  malformedResponse: 'Outlook sent an answer this app could not read.',
  unexpectedStatus: 'Outlook gave an answer this app did not expect.',
  invalidRequest: 'Outlook did not accept this contact. Check its details and try again.',
} as const;

export interface RequestLine {
  readonly method: string;
  readonly path: string;
}

/** A batch item's headers (a plain object) as `Headers`, so they are read like any response's. */
export function headersOf(headers: Headers | Readonly<Record<string, string>>): Headers {
  return headers instanceof Headers ? headers : new Headers(Object.entries(headers));
}

const debug = (status: number, line: RequestLine, extra = ''): string => `${status} on ${line.method} ${line.path}${extra}`;

/**
 * The failure a status means when it ends the request (or, in a batch, one operation): 401, 403,
 * 424, 429/503/504, 5xx, and whatever the table says is unexpected for this role.
 */
export function requestFailure(status: number, headers: Headers, role: GraphRole, line: RequestLine, errorCode = ''): RequestFailure {
  const extra = errorCode === '' ? '' : ` (${errorCode})`;
  switch (GRAPH_STATUS.decide(status, role)) {
    case 'auth-required':
      return {
        kind: 'auth-required',
        code: GRAPH_CODES.unauthorized,
        userMessage: USER_MESSAGES.unauthorized,
        debugMessage: debug(status, line, extra),
      };
    case 'forbidden':
      return {
        kind: 'forbidden',
        code: GRAPH_CODES.forbidden,
        userMessage: USER_MESSAGES.forbidden,
        debugMessage: debug(status, line, extra),
      };
    case 'busy': {
      const code = status === 429 ? GRAPH_CODES.throttled : GRAPH_CODES.unavailable;
      const wait = retryAfterMs(headers);
      if (wait !== null) {
        return {
          kind: 'retry-at',
          retryAfterMs: wait,
          code,
          userMessage: USER_MESSAGES.busy,
          debugMessage: debug(status, line, `; Retry-After ${wait / 1000}s${extra}`),
        };
      }
      return {
        kind: 'failed',
        code,
        userMessage: USER_MESSAGES.unavailable,
        debugMessage: debug(status, line, ` without Retry-After${extra}`),
        maybeCommitted: false,
      };
    }
    case 'not-executed':
      return {
        kind: 'failed',
        code: GRAPH_CODES.notExecuted,
        userMessage: USER_MESSAGES.notExecuted,
        debugMessage: debug(status, line, extra),
        maybeCommitted: false,
      };
    case 'server-error':
      return {
        kind: 'failed',
        code: GRAPH_CODES.serverError,
        userMessage: USER_MESSAGES.serverError,
        debugMessage: debug(status, line, extra),
        maybeCommitted: false,
      };
    default:
      // A status this role does not expect (a 409 to a GET, a 418): nothing to act on.
      return {
        kind: 'failed',
        code: GRAPH_CODES.unexpectedStatus,
        userMessage: USER_MESSAGES.unexpectedStatus,
        debugMessage: debug(status, line, extra),
        maybeCommitted: false,
      };
  }
}

export function malformed(line: RequestLine, problem: string, maybeCommitted: boolean): RequestFailure {
  return {
    kind: 'failed',
    code: GRAPH_CODES.malformedResponse,
    userMessage: USER_MESSAGES.malformedResponse,
    debugMessage: `${line.method} ${line.path}: ${problem}`,
    maybeCommitted,
  };
}
