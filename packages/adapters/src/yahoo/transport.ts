import type { RequestFailure } from '@contactsync/core';
import {
  createStreamingTransport,
  createTransport,
  retryAfterMs,
  statusTable,
  type HttpRequest,
  type StreamingResponse,
  type TransportTuning,
} from '../kit/index.js';
import type { YahooCodec } from './codec.js';
import { failureOutcome, OPERATION_FAILED } from './outcomes.js';
import type { SyncRequest, SyncResponse } from './wire.js';

export interface TransportOptions extends TransportTuning {
  readonly baseUrl: string;
  readonly appid: string;
  readonly wssid: string;
  /** The whole cookie as sent in the `Cookie` header: `Y=...`. */
  readonly cookie: string;
  readonly codec: YahooCodec;
}

export interface SyncCall {
  readonly myrev: number;
  readonly request?: SyncRequest;
  readonly signal?: AbortSignal;
}

export type Exchange = { readonly kind: 'response'; readonly response: SyncResponse } | RequestFailure;

export const UNREACHABLE = 'The address book could not be reached. Your changes are kept and will be sent again.';
const VOCABULARY = {
  codes: { aborted: 'aborted', timeout: 'timeout', connectionLost: 'connection-lost', malformedResponse: 'malformed-response' },
  userMessages: { aborted: UNREACHABLE, timeout: UNREACHABLE, connectionLost: UNREACHABLE, malformedResponse: OPERATION_FAILED },
} as const;

/**
 * The HTTP statuses of `synchronize` (seed, table 3.9). A structured error body decides by its own
 * code (outcomes.ts) whatever the status, except 403; without one the status decides alone.
 */
export const YAHOO_STATUS = statusTable({
  roles: ['read', 'write'],
  decisions: ['sync-response', 'auth-required', 'not-processed', 'maybe-processed'],
  rows: {
    200: 'sync-response',
    /** An authentication failure whatever its body says. */
    403: 'auth-required',
    /** An endpoint that does not exist: nothing was processed. */
    404: 'not-processed',
    /** A server error during a write may have come after the commit. */
    500: { read: 'not-processed', write: 'maybe-processed' },
    /** Refused before processing (locked, down). */
    503: 'not-processed',
  },
  otherwise: 'maybe-processed',
});

const failed = (code: string, debugMessage: string, maybeCommitted: boolean, userMessage = UNREACHABLE): RequestFailure => ({
  kind: 'failed',
  code,
  userMessage,
  debugMessage,
  maybeCommitted,
});

/** One `synchronize` call as the kit sends it (docs/yahoo.md §2.1): a GET without a body, or a POST carrying `request`. */
function httpRequest(options: TransportOptions, call: SyncCall): HttpRequest {
  const { codec } = options;
  const url = new URL('v1/synchronize', options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`);
  url.searchParams.set('format', codec.format);
  url.searchParams.set('myrev', String(call.myrev));
  url.searchParams.set('appid', options.appid);
  url.searchParams.set('WSSID', options.wssid);
  const writes = call.request !== undefined;
  const headers: Record<string, string> = {
    cookie: options.cookie,
    accept: codec.format === 'json' ? 'application/json, text/javascript' : 'application/xml, text/xml',
  };
  if (writes) headers['content-type'] = codec.contentType;
  return {
    method: writes ? 'POST' : 'GET',
    url: url.toString(),
    headers,
    ...(call.request === undefined ? {} : { body: codec.encodeRequest(call.request) }),
    signal: call.signal,
    label: `${writes ? 'POST' : 'GET'} synchronize`,
  };
}

const tuning = (options: TransportOptions) => ({
  fetch: options.fetch,
  timeoutMs: options.timeoutMs,
  onExchange: options.onExchange,
  vocabulary: VOCABULARY,
  secretQueryParams: ['WSSID'],
});

/**
 * One `synchronize` call, its answer read whole. Every answer and every transport failure comes
 * back as data; this never throws for them.
 */
export async function synchronize(options: TransportOptions, call: SyncCall): Promise<Exchange> {
  const answer = await createTransport(tuning(options))(httpRequest(options, call));
  if (answer.kind !== 'response') return answer;
  return interpretAnswer(options.codec, answer, call.request !== undefined);
}

/** The same call, its body read as it arrives (a whole book, issue 16). */
export function synchronizeStreaming(options: TransportOptions, call: SyncCall): Promise<StreamingResponse | RequestFailure> {
  return createStreamingTransport(tuning(options))(httpRequest(options, call));
}

/** Whether a streamed answer is a `sync-response` to decode as it arrives; any other is read whole and interpreted. */
export function streamsSyncResponse(codec: YahooCodec, response: StreamingResponse): boolean {
  return YAHOO_STATUS.decide(response.status, 'read') === 'sync-response' && codec.accepts(response.headers.get('content-type'));
}

/** A `sync-response` body that is not one. */
export const malformedResponse = (reason: string, writes: boolean): RequestFailure =>
  failed('malformed-response', reason, writes, OPERATION_FAILED);

/** What an answer read whole means (seed, table 3.9; docs/yahoo.md §2.5). */
export function interpretAnswer(
  codec: YahooCodec,
  answer: { readonly status: number; readonly headers: Headers; readonly body: string },
  writes: boolean,
): Exchange {
  const { status, body: text } = answer;
  const decision = YAHOO_STATUS.decide(status, writes ? 'write' : 'read');
  if (decision === 'auth-required') return { kind: 'auth-required', code: 'http-403', userMessage: 'Please sign in to Yahoo again.' };
  const retryAfter = retryAfterMs(answer.headers);
  const contentType = answer.headers.get('content-type');
  const decoded = text.trim() === '' || !codec.accepts(contentType) ? null : codec.decodeResponse(text);
  if (decoded?.kind === 'error') return failureOutcome(decoded.error, { retryAfterMs: retryAfter, writes });
  if (decision === 'sync-response') {
    if (decoded?.kind === 'sync') return { kind: 'response', response: decoded.response };
    const reason = decoded === null ? `content-type ${contentType ?? 'none'}, ${text.length} bytes` : decoded.reason;
    return malformedResponse(reason, writes);
  }
  // No structured body: 404 (an endpoint that does not exist), 500, 503 or anything else.
  const code = `http-${status}`;
  if (retryAfter !== null)
    return {
      kind: 'retry-at',
      retryAfterMs: retryAfter,
      code,
      userMessage: 'The address book is busy. Your changes are kept and will be sent again.',
    };
  return failed(code, `HTTP ${status} without a structured error`, writes && decision === 'maybe-processed');
}
