import { strictUtf8 } from '../shared/strict-utf8.js';
import type { FailedOutcome, RequestFailure } from '@contactsync/core';
import type { YahooCodec } from './codec.js';
import { failureOutcome, OPERATION_FAILED } from './outcomes.js';
import type { SyncRequest, SyncResponse } from './wire.js';

export interface TransportOptions {
  readonly baseUrl: string;
  readonly appid: string;
  readonly wssid: string;
  /** The whole cookie as sent in the `Cookie` header: `Y=...`. */
  readonly cookie: string;
  readonly codec: YahooCodec;
  readonly fetch: typeof fetch;
}

export type Exchange = { readonly kind: 'response'; readonly response: SyncResponse } | RequestFailure;

/**
 * Error codes (from Node's and undici's `cause.code`) that mean the request never left this
 * machine: the service is unreachable, not failing. Anything else after `fetch` was called may
 * have reached the server.
 */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'ENETDOWN', 'UND_ERR_CONNECT_TIMEOUT']);

function causeCode(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; typeof e === 'object' && e !== null && depth < 4; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

function browserOffline(): boolean {
  const nav = (globalThis as { readonly navigator?: { readonly onLine?: unknown } }).navigator;
  return nav?.onLine === false;
}

const failed = (code: string, debugMessage: string, maybeCommitted: boolean): FailedOutcome => ({
  kind: 'failed',
  code,
  userMessage: 'The address book could not be reached. Your changes are kept and will be sent again.',
  debugMessage,
  maybeCommitted,
});

/** `Retry-After` as seconds or an HTTP-date (RFC 7231), in ms from now; null when absent or unreadable. */
function retryAfterHeader(value: string | null): number | null {
  if (value === null || value.trim() === '') return null;
  if (/^\s*[0-9]+\s*$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - Date.now());
}

/**
 * One `synchronize` call (PROTOCOLS.md §2.1): a GET without a body, or a POST carrying `request`.
 * Every answer and every transport failure comes back as data; this never throws for them.
 */
export async function synchronize(
  options: TransportOptions,
  call: { readonly myrev: number; readonly request?: SyncRequest; readonly signal?: AbortSignal },
): Promise<Exchange> {
  const { codec } = options;
  const url = new URL('v1/synchronize', options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`);
  url.searchParams.set('format', codec.format);
  url.searchParams.set('myrev', String(call.myrev));
  url.searchParams.set('appid', options.appid);
  url.searchParams.set('WSSID', options.wssid);
  const writes = call.request !== undefined;
  const headers: Record<string, string> = { cookie: options.cookie, accept: codec.format === 'json' ? 'application/json, text/javascript' : 'application/xml, text/xml' };
  if (writes) headers['content-type'] = codec.contentType;

  let response: Response;
  let bytes: ArrayBuffer;
  try {
    response = await options.fetch(url, {
      method: writes ? 'POST' : 'GET',
      headers,
      ...(call.request === undefined ? {} : { body: codec.encodeRequest(call.request) }),
      ...(call.signal === undefined ? {} : { signal: call.signal }),
    });
    bytes = await response.arrayBuffer();
  } catch (error) {
    const code = causeCode(error);
    // In a browser a refused connection has no code; the browser's own offline flag tells instead.
    if ((code !== undefined && NOT_SENT.has(code)) || browserOffline()) return { kind: 'offline', debugMessage: `${code ?? 'navigator offline'} ${url.origin}` };
    // Sent, or possibly sent: the connection dropped or the call was aborted before an answer.
    // The engine aborts with a reason (a TimeoutError on its timeout), and fetch rejects with that
    // reason rather than an AbortError: the signal says it was an abort.
    const aborted = call.signal?.aborted === true || (error instanceof Error && error.name === 'AbortError');
    return failed(aborted ? 'aborted' : 'connection-lost', `${code ?? (error instanceof Error ? error.name : 'error')} during ${writes ? 'POST' : 'GET'}`, writes);
  }

  const text = strictUtf8(bytes);
  if (text === null) return { ...failed('malformed-response', `HTTP ${response.status} body is not valid UTF-8`, writes), userMessage: OPERATION_FAILED };
  const retryAfterMs = retryAfterHeader(response.headers.get('retry-after'));
  const contentType = response.headers.get('content-type');
  if (response.status === 403) {
    // 403 is an authentication failure whatever its body says (seed, table 3.9).
    return { kind: 'auth-required', code: 'http-403', userMessage: 'Please sign in to Yahoo again.' };
  }
  const decoded = text.trim() === '' || !codec.accepts(contentType) ? null : codec.decodeResponse(text);
  if (response.status === 200) {
    if (decoded?.kind === 'sync') return { kind: 'response', response: decoded.response };
    if (decoded?.kind === 'error') return failureOutcome(decoded.error, { retryAfterMs, writes });
    const reason = decoded === null ? `content-type ${contentType ?? 'none'}, ${text.length} bytes` : decoded.reason;
    return { ...failed('malformed-response', reason, writes), userMessage: OPERATION_FAILED };
  }
  if (decoded?.kind === 'error') return failureOutcome(decoded.error, { retryAfterMs, writes });
  // No structured body: 404 (an endpoint that does not exist), 500, 503 or anything else.
  const code = `http-${response.status}`;
  if (retryAfterMs !== null) return { kind: 'retry-at', retryAfterMs, code, userMessage: 'The address book is busy. Your changes are kept and will be sent again.' };
  return failed(code, `HTTP ${response.status} without a structured error`, writes && response.status !== 404 && response.status !== 503);
}
