import { errorCodes, neverSent } from '../kit/network-failure.js';
import type { RequestFailure } from '@contactsync/core';
import { strictUtf8 } from '../shared/strict-utf8.js';
import { CARDDAV_CODES, USER_MESSAGES } from './status-table.js';

/**
 * Every HTTP exchange of the CardDAV adapter goes through `createDavHttp` (one module, so the shared
 * adapter kit's transport can replace it). It adds credentials, a timeout and the caller's
 * AbortSignal, refuses any URL outside the configured origin (credentials never leave it), and
 * turns every way a request can end into data: a response, or a typed failure.
 */

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

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

const isRead = (method: DavMethod): boolean => method === 'GET' || method === 'PROPFIND' || method === 'REPORT' || method === 'OPTIONS';

function basic(username: string, password: string): string {
  // UTF-8 user-pass (RFC 7617 §2.1 charset), base64 without Node's Buffer so it runs in a browser too.
  let binary = '';
  for (const byte of new TextEncoder().encode(`${username}:${password}`)) binary += String.fromCharCode(byte);
  return `Basic ${btoa(binary)}`;
}

export function createDavHttp(options: DavHttpOptions): DavHttp {
  const origin = new URL(options.origin).origin;
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
    const headers: Record<string, string> = { Authorization: authorization, ...request.headers };
    const timeout = AbortSignal.timeout(options.timeoutMs);
    const signal = request.signal === undefined ? timeout : AbortSignal.any([request.signal, timeout]);
    const init: RequestInit = { method: request.method, headers, signal, redirect: 'manual' };
    if (request.body !== undefined) init.body = request.body;
    const maybeCommitted = !isRead(request.method);
    try {
      const response = await options.fetch(url.href, init);
      const bytes = await response.arrayBuffer();
      const body = strictUtf8(bytes);
      if (body === null && request.lenient === true) {
        return {
          kind: 'response',
          status: response.status,
          headers: response.headers,
          body: lenientDecoder.decode(bytes),
          utf8: false,
          url: url.href,
        };
      }
      if (body === null)
        return {
          kind: 'failed',
          code: CARDDAV_CODES.malformed,
          userMessage: USER_MESSAGES.malformed,
          debugMessage: `${line}: ${response.status} body is not UTF-8`,
          maybeCommitted,
        };
      return { kind: 'response', status: response.status, headers: response.headers, body, utf8: true, url: url.href };
    } catch (error) {
      const detail = `${line}: ${errorCodes(error).join(' <- ') || (error instanceof Error ? error.name : 'unknown error')}`;
      if (request.signal?.aborted === true) {
        return { kind: 'failed', code: CARDDAV_CODES.aborted, userMessage: USER_MESSAGES.aborted, debugMessage: detail, maybeCommitted };
      }
      if (timeout.aborted) {
        return { kind: 'failed', code: CARDDAV_CODES.timeout, userMessage: USER_MESSAGES.timeout, debugMessage: detail, maybeCommitted };
      }
      if (neverSent(error)) return { kind: 'offline', debugMessage: detail };
      return {
        kind: 'failed',
        code: CARDDAV_CODES.connectionLost,
        userMessage: USER_MESSAGES.connectionLost,
        debugMessage: detail,
        maybeCommitted,
      };
    }
  };
}
