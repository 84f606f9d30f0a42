import type { RequestFailure } from '@contactsync/core';

/**
 * Graph statuses -> core outcomes, as data (docs/microsoft-graph.md, "Statuses"). Statuses whose
 * meaning depends on the request (404, 409, 410, 412, 400 with a sync-state code) are read by the
 * request's own code first; everything else ends the request with `requestFailure`.
 */
export const STATUS_HANDLING = {
  200: 'success',
  201: 'success',
  204: 'success',
  400: 'rejected',
  401: 'auth-required',
  403: 'forbidden',
  404: 'not-found',
  409: 'conflict',
  410: 'resync',
  412: 'conflict',
  413: 'rejected',
  /** A batch item that depended on a failed one: never executed, so safe to send again. */
  424: 'not-executed',
  429: 'retry-or-failed',
  500: 'failed',
  502: 'failed',
  503: 'retry-or-failed',
  504: 'retry-or-failed',
} as const;

export type Handling = (typeof STATUS_HANDLING)[keyof typeof STATUS_HANDLING] | 'unexpected';

export function handlingOf(status: number): Handling {
  return Object.hasOwn(STATUS_HANDLING, status) ? STATUS_HANDLING[status as keyof typeof STATUS_HANDLING] : 'unexpected';
}

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

export interface ResponseHead {
  readonly status: number;
  /** Lower-case header names (a batch item's headers are a plain object). */
  header(name: string): string | null;
}

export function headOf(status: number, headers: Headers | Readonly<Record<string, string>>): ResponseHead {
  return headers instanceof Headers
    ? { status, header: (name) => headers.get(name) }
    : { status, header: (name) => (Object.hasOwn(headers, name.toLowerCase()) ? (headers[name.toLowerCase()] ?? null) : null) };
}

/** `Retry-After` in milliseconds: delta-seconds, or an HTTP-date measured against the response's `Date`. */
export function retryAfterMs(head: ResponseHead): number | null {
  const value = head.header('retry-after')?.trim();
  if (value === undefined || value === '') return null;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  const now = Date.parse(head.header('date') ?? '');
  if (Number.isNaN(at) || Number.isNaN(now)) return null;
  return Math.max(0, at - now);
}

const debug = (head: ResponseHead, line: RequestLine, extra = ''): string => `${head.status} on ${line.method} ${line.path}${extra}`;

/** The failure a response means when it ends the request (or, in a batch, one operation). */
export function requestFailure(head: ResponseHead, line: RequestLine, errorCode = ''): RequestFailure {
  const handling = handlingOf(head.status);
  const extra = errorCode === '' ? '' : ` (${errorCode})`;
  switch (handling) {
    case 'auth-required':
      return { kind: 'auth-required', code: GRAPH_CODES.unauthorized, userMessage: USER_MESSAGES.unauthorized, debugMessage: debug(head, line, extra) };
    case 'forbidden':
      return { kind: 'forbidden', code: GRAPH_CODES.forbidden, userMessage: USER_MESSAGES.forbidden, debugMessage: debug(head, line, extra) };
    case 'retry-or-failed': {
      const code = head.status === 429 ? GRAPH_CODES.throttled : GRAPH_CODES.unavailable;
      const wait = retryAfterMs(head);
      if (wait !== null) {
        return { kind: 'retry-at', retryAfterMs: wait, code, userMessage: USER_MESSAGES.busy, debugMessage: debug(head, line, `; Retry-After ${wait / 1000}s${extra}`) };
      }
      return { kind: 'failed', code, userMessage: USER_MESSAGES.unavailable, debugMessage: debug(head, line, ` without Retry-After${extra}`), maybeCommitted: false };
    }
    case 'not-executed':
      return { kind: 'failed', code: GRAPH_CODES.notExecuted, userMessage: USER_MESSAGES.notExecuted, debugMessage: debug(head, line, extra), maybeCommitted: false };
    case 'failed':
      return { kind: 'failed', code: GRAPH_CODES.serverError, userMessage: USER_MESSAGES.serverError, debugMessage: debug(head, line, extra), maybeCommitted: false };
    default:
      return { kind: 'failed', code: GRAPH_CODES.unexpectedStatus, userMessage: USER_MESSAGES.unexpectedStatus, debugMessage: debug(head, line, extra), maybeCommitted: false };
  }
}

export function malformed(line: RequestLine, problem: string, maybeCommitted: boolean): RequestFailure {
  return { kind: 'failed', code: GRAPH_CODES.malformedResponse, userMessage: USER_MESSAGES.malformedResponse, debugMessage: `${line.method} ${line.path}: ${problem}`, maybeCommitted };
}
