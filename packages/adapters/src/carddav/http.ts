import type { RequestFailure } from '@contactsync/core';
import { createTransport, type FailureVocabulary, type FetchLike as KitFetchLike, type Send } from '../kit/transport.js';
import { strictUtf8 } from '../shared/strict-utf8.js';
import { CARDDAV_CODES, USER_MESSAGES } from './status-table.js';

/**
 * Every HTTP exchange of the CardDAV adapter goes through `createDavHttp`. The exchange itself
 * (timeout, the caller's AbortSignal, strict UTF-8 bodies, every network failure as a typed
 * outcome) is the adapter kit's transport (kit/transport.ts); this module adds what is CardDAV's
 * own: credentials, the origin check (any URL outside the configured origin is refused before
 * sending: credentials never leave it), redirects left unfollowed, card reads that tolerate a
 * body that is not UTF-8, and PROPFIND/REPORT counted as reads.
 */

export type FetchLike = KitFetchLike;

export type DavMethod = 'PROPFIND' | 'REPORT' | 'GET' | 'PUT' | 'DELETE' | 'OPTIONS' | 'MKCOL';

export interface DavRequest {
  readonly method: DavMethod;
  /** Absolute URL, or a path on the configured origin. */
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly signal?: AbortSignal | undefined;
  /**
   * Return a body that is not UTF-8 (decoded with U+FFFD) with `utf8: false` instead of failing:
   * for card reads, where one card stored in another charset must not fail its book.
   */
  readonly lenient?: boolean;
}

export interface DavResponse {
  readonly kind: 'response';
  readonly status: number;
  readonly headers: Headers;
  readonly body: string;
  /** False only for a `lenient` request whose body was not valid UTF-8. */
  readonly utf8: boolean;
  /** The absolute URL that answered. */
  readonly url: string;
}

export type DavHttp = (request: DavRequest) => Promise<DavResponse | RequestFailure>;

/** Basic credentials (RFC 7617), or a hook giving the whole `Authorization` value (e.g. `Bearer …`). */
export type DavAuth = { readonly username: string; readonly password: string } | { readonly authorization: () => string | Promise<string> };

export interface DavHttpOptions {
  /** Any URL on the server; only its origin is used. */
  readonly origin: string;
  readonly auth: DavAuth;
  readonly fetch: FetchLike;
  /** Per request, including reading the body. */
  readonly timeoutMs: number;
}

const lenientDecoder = new TextDecoder('utf-8');

/** PROPFIND and REPORT change nothing on the server: a failed one cannot have committed anything. */
const isRead = (method: DavMethod): boolean => method === 'GET' || method === 'PROPFIND' || method === 'REPORT' || method === 'OPTIONS';

/** Marks, between the lenient fetch below and `createDavHttp`, a body that was not UTF-8. */
const NOT_UTF8 = 'x-contactsync-not-utf8';

const VOCABULARY: FailureVocabulary = {
  codes: {
    aborted: CARDDAV_CODES.aborted,
    timeout: CARDDAV_CODES.timeout,
    connectionLost: CARDDAV_CODES.connectionLost,
    malformedResponse: CARDDAV_CODES.malformed,
  },
  userMessages: {
    aborted: USER_MESSAGES.aborted,
    timeout: USER_MESSAGES.timeout,
    connectionLost: USER_MESSAGES.connectionLost,
    malformedResponse: USER_MESSAGES.malformed,
  },
};

function basic(username: string, password: string): string {
  // UTF-8 user-pass (RFC 7617 §2.1 charset), base64 without Node's Buffer so it runs in a browser too.
  let binary = '';
  for (const byte of new TextEncoder().encode(`${username}:${password}`)) binary += String.fromCharCode(byte);
  return `Basic ${btoa(binary)}`;
}

/**
 * A card read whose body is not UTF-8 (a card stored in another charset) is decoded with U+FFFD
 * and marked, instead of failing: one such card must not fail its book. Read inside the kit's
 * exchange, so its timeout and abort still cover the body.
 */
function lenientFetch(fetchImpl: FetchLike): FetchLike {
  return async (input, init) => {
    const response = await fetchImpl(input, init);
    if (response.body === null) return response; // Nothing to decode (204, a browser's opaque redirect).
    const bytes = await response.arrayBuffer();
    const head = { status: response.status, statusText: response.statusText };
    if (strictUtf8(bytes) !== null) return new Response(bytes, { ...head, headers: response.headers });
    const headers = new Headers(response.headers);
    headers.set(NOT_UTF8, '1');
    return new Response(lenientDecoder.decode(bytes), { ...head, headers });
  };
}

export function createDavHttp(options: DavHttpOptions): DavHttp {
  const origin = new URL(options.origin).origin;
  // fetch follows no redirect: a 3xx comes back as it is, and its Location is checked like any URL.
  const unredirected: FetchLike = (input, init) => options.fetch(input, { ...init, redirect: 'manual' });
  const strict: Send = createTransport({ vocabulary: VOCABULARY, fetch: unredirected, timeoutMs: options.timeoutMs });
  const lenient: Send = createTransport({ vocabulary: VOCABULARY, fetch: lenientFetch(unredirected), timeoutMs: options.timeoutMs });
  return async (request) => {
    let url: URL;
    try {
      url = new URL(request.url, origin);
    } catch {
      url = new URL('invalid:');
    }
    const line = `${request.method} ${url.pathname}`;
    if (url.origin !== origin) {
      // An href or Location naming another server: never followed with the user's credentials.
      return {
        kind: 'failed',
        code: CARDDAV_CODES.foreignOrigin,
        userMessage: USER_MESSAGES.malformed,
        debugMessage: `${line}: refused, ${url.origin} is not ${origin}`,
        maybeCommitted: false,
        permanent: true,
      };
    }
    const authorization =
      'authorization' in options.auth ? await options.auth.authorization() : basic(options.auth.username, options.auth.password);
    const send = request.lenient === true ? lenient : strict;
    const answer = await send({
      method: request.method,
      url: url.href,
      headers: { Authorization: authorization, ...request.headers },
      ...(request.body === undefined ? {} : { body: request.body }),
      signal: request.signal,
      label: line,
    });
    if (answer.kind !== 'response') {
      // The kit counts every method but GET, HEAD and OPTIONS as a write.
      return answer.kind === 'failed' && isRead(request.method) ? { ...answer, maybeCommitted: false } : answer;
    }
    const utf8 = !answer.headers.has(NOT_UTF8);
    const headers = utf8 ? answer.headers : withoutMarker(answer.headers);
    return { kind: 'response', status: answer.status, headers, body: answer.body, utf8, url: url.href };
  };
}

function withoutMarker(headers: Headers): Headers {
  const copy = new Headers(headers);
  copy.delete(NOT_UTF8);
  return copy;
}
