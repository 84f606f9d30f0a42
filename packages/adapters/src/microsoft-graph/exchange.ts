import type { RequestFailure } from '@contactsync/core';
import { createTransport, type ExchangeRecord, type FetchLike, type Send } from '../kit/index.js';
import { Limiter } from './limiter.js';
import { GRAPH_CODES, malformed, USER_MESSAGES } from './outcomes.js';
import { HEADERS } from './wire.js';

/**
 * Graph's side of the kit transport: requests are paths below the service root or links Graph gave
 * (never followed off the root's origin), carry a bearer token asked for per request (one refresh
 * after a 401), send JSON, and run at most `maxConcurrent` at once. Timeouts, the caller's abort,
 * strict UTF-8 and failure classification are the kit's.
 */

export type { FetchLike } from '../kit/index.js';
export type GetAccessToken = (options: { readonly refresh: boolean }) => Promise<string> | string;

export interface GraphRequest {
  readonly method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** A path under the root (`/me/contacts`), or an absolute link Graph gave (nextLink, deltaLink). */
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: unknown;
  readonly signal?: AbortSignal | undefined;
}

export interface GraphResponse {
  readonly kind: 'response';
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
}

export type Exchange = (request: GraphRequest) => Promise<GraphResponse | RequestFailure>;

export interface ExchangeOptions {
  /** The service root, e.g. `https://graph.microsoft.com/v1.0`. Links elsewhere are never followed. */
  readonly root: string;
  readonly getAccessToken: GetAccessToken;
  readonly fetch?: FetchLike | undefined;
  readonly timeoutMs: number;
  readonly maxConcurrent: number;
  /**
   * Largest response body accepted, in characters: a larger one is a malformed answer. (Checked
   * after the kit transport has read the body; the kit has no streaming cap yet.)
   */
  readonly maxBodyBytes: number;
  readonly onExchange?: ((exchange: ExchangeRecord) => void) | undefined;
}

const VOCABULARY = {
  codes: {
    aborted: GRAPH_CODES.aborted,
    timeout: GRAPH_CODES.timeout,
    connectionLost: GRAPH_CODES.connectionLost,
    malformedResponse: GRAPH_CODES.malformedResponse,
  },
  userMessages: {
    aborted: USER_MESSAGES.aborted,
    timeout: USER_MESSAGES.timeout,
    connectionLost: USER_MESSAGES.connectionLost,
    malformedResponse: USER_MESSAGES.malformedResponse,
  },
} as const;

/** Resolves a request URL against the root; null for a link on another origin (never sent the token). */
export function resolveUrl(root: string, url: string): string | null {
  if (url.startsWith('/')) return `${root}${url}`;
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return null;
  }
  return target.origin === new URL(root).origin ? target.href : null;
}

export function createExchange(options: ExchangeOptions): Exchange {
  const limiter = new Limiter(options.maxConcurrent);
  const root = options.root.replace(/\/+$/, '');
  // Delta and skip tokens are the position in the user's mailbox: kept out of exchange logs.
  const send: Send = createTransport({
    vocabulary: VOCABULARY,
    fetch: options.fetch,
    timeoutMs: options.timeoutMs,
    onExchange: options.onExchange,
    secretQueryParams: ['$deltatoken', '$skiptoken'],
  });

  async function once(url: string, request: GraphRequest, token: string): Promise<GraphResponse | RequestFailure> {
    const headers: Record<string, string> = { [HEADERS.authorization]: `Bearer ${token}`, Accept: 'application/json', ...request.headers };
    if (request.body !== undefined) headers['Content-Type'] = 'application/json';
    const label = `${request.method} ${new URL(url).pathname}`;
    const response = await send({
      method: request.method,
      url,
      headers,
      ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
      signal: request.signal,
      label,
    });
    if (response.kind !== 'response') return response;
    if (response.body.length > options.maxBodyBytes) {
      return malformed(
        { method: request.method, path: label },
        `body longer than ${options.maxBodyBytes} characters`,
        request.method !== 'GET',
      );
    }
    return { kind: 'response', status: response.status, headers: response.headers, text: response.body };
  }

  async function token(refresh: boolean): Promise<string | RequestFailure> {
    try {
      return await options.getAccessToken({ refresh });
    } catch {
      return {
        kind: 'auth-required',
        code: GRAPH_CODES.unauthorized,
        userMessage: USER_MESSAGES.unauthorized,
        debugMessage: 'getAccessToken failed',
      };
    }
  }

  return (request) =>
    limiter.run(async () => {
      const url = resolveUrl(root, request.url);
      if (url === null) {
        return {
          kind: 'failed',
          code: GRAPH_CODES.foreignLink,
          userMessage: USER_MESSAGES.malformedResponse,
          debugMessage: `a link on another origin than ${root}: not followed`,
          maybeCommitted: false,
        };
      }
      const first = await token(false);
      if (typeof first !== 'string') return first;
      const response = await once(url, request, first);
      if (response.kind !== 'response' || response.status !== 401) return response;
      // One refresh, then the 401 stands: the caller reports auth-required, never loops.
      const second = await token(true);
      if (typeof second !== 'string') return second;
      return once(url, request, second);
    });
}
