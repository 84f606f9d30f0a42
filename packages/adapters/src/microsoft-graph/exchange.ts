import type { RequestFailure } from '@contactsync/core';
import { strictUtf8 } from '../shared/strict-utf8.js';
import { Limiter } from './limiter.js';
import { GRAPH_CODES, malformed, USER_MESSAGES } from './outcomes.js';
import { HEADERS } from './wire.js';

/**
 * One HTTP exchange with Graph, the only place that touches `fetch` (kept small so the shared
 * adapter kit's transport can replace it). Every way it ends comes back as data: a response of any
 * status, or a failure saying whether the request may have reached the server.
 */

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;
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
  readonly fetch: FetchLike;
  readonly timeoutMs: number;
  readonly maxConcurrent: number;
  /** Largest response body read, in bytes; a larger one is a malformed answer. */
  readonly maxBodyBytes: number;
}

const NOT_SENT_CODES: ReadonlySet<string> = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'ENETDOWN', 'EHOSTUNREACH', 'EHOSTDOWN', 'UND_ERR_CONNECT_TIMEOUT']);

function errorCodes(error: unknown): string[] {
  const codes: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    const code = (current as { readonly code?: unknown }).code;
    if (typeof code === 'string') codes.push(code);
    current = (current as { readonly cause?: unknown }).cause;
  }
  return codes;
}

class BodyTooLarge extends Error {}

async function readBody(response: Response, limit: number): Promise<ArrayBuffer> {
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > limit) throw new BodyTooLarge();
  if (response.body === null) return new ArrayBuffer(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw new BodyTooLarge();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes.buffer;
}

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

  async function once(url: string, request: GraphRequest, token: string): Promise<GraphResponse | RequestFailure> {
    const write = request.method !== 'GET';
    const line = { method: request.method, path: new URL(url).pathname };
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, options.timeoutMs);
    const onAbort = (): void => controller.abort();
    request.signal?.addEventListener('abort', onAbort, { once: true });
    const headers: Record<string, string> = { [HEADERS.authorization]: `Bearer ${token}`, Accept: 'application/json', ...request.headers };
    const init: RequestInit = { method: request.method, headers, signal: controller.signal };
    if (request.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(request.body);
    }
    try {
      if (request.signal?.aborted === true) throw new DOMException('aborted', 'AbortError');
      const response = await options.fetch(url, init);
      const body = strictUtf8(await readBody(response, options.maxBodyBytes));
      if (body === null) return malformed(line, `${response.status} body is not valid UTF-8`, write);
      return { kind: 'response', status: response.status, headers: response.headers, text: body };
    } catch (error) {
      const detail = `${line.method} ${line.path}: ${errorCodes(error).join(' <- ') || (error instanceof Error ? error.name : 'unknown error')}`;
      if (error instanceof BodyTooLarge) return malformed(line, `body larger than ${options.maxBodyBytes} bytes`, write);
      if (timedOut) return { kind: 'failed', code: GRAPH_CODES.timeout, userMessage: USER_MESSAGES.timeout, debugMessage: detail, maybeCommitted: write };
      if (request.signal?.aborted === true) return { kind: 'failed', code: GRAPH_CODES.aborted, userMessage: USER_MESSAGES.aborted, debugMessage: detail, maybeCommitted: write };
      if (errorCodes(error).some((c) => NOT_SENT_CODES.has(c))) return { kind: 'offline', debugMessage: detail };
      return { kind: 'failed', code: GRAPH_CODES.connectionLost, userMessage: USER_MESSAGES.connectionLost, debugMessage: detail, maybeCommitted: write };
    } finally {
      clearTimeout(timer);
      request.signal?.removeEventListener('abort', onAbort);
    }
  }

  async function token(refresh: boolean): Promise<string | RequestFailure> {
    try {
      return await options.getAccessToken({ refresh });
    } catch {
      return { kind: 'auth-required', code: GRAPH_CODES.unauthorized, userMessage: USER_MESSAGES.unauthorized, debugMessage: 'getAccessToken failed' };
    }
  }

  return (request) =>
    limiter.run(async () => {
      const url = resolveUrl(root, request.url);
      if (url === null) {
        return { kind: 'failed', code: GRAPH_CODES.foreignLink, userMessage: USER_MESSAGES.malformedResponse, debugMessage: `link on another origin than ${root}: not followed`, maybeCommitted: false };
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
