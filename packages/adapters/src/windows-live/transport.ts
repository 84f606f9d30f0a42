import { strictUtf8 } from '../shared/strict-utf8.js';
import type { RequestFailure } from '@contactsync/core';
import { malformed, USER_MESSAGES, WL_CODES, type RequestLine } from './outcomes.js';
import { AUTH_SCHEME, HEADERS, XML_CONTENT_TYPE } from './wire.js';

/**
 * One HTTP exchange with the service. Every way it can end comes back as data: a response (any
 * status), or a failure saying whether the request may have reached the server.
 */

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export interface WlRequest extends RequestLine {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly signal?: AbortSignal | undefined;
}

export interface WlResponse {
  readonly kind: 'response';
  readonly status: number;
  readonly headers: Headers;
  readonly body: string;
}

export type Send = (request: WlRequest) => Promise<WlResponse | RequestFailure>;

export interface TransportOptions {
  /** Origin (and any prefix) before `/users/@L@{lid}/rest/LiveContacts`. */
  readonly baseUrl: string;
  readonly lid: string;
  readonly token: string;
  readonly fetch: FetchLike;
}

/**
 * Error codes (on the error or its `cause` chain) that mean no connection was made, so nothing was
 * sent. Anything else may have reached the server.
 */
const NOT_SENT_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'ENETDOWN',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'UND_ERR_CONNECT_TIMEOUT',
]);

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

function isAbort(error: unknown, signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true || (error instanceof Error && error.name === 'AbortError');
}

function browserOffline(): boolean {
  const nav = (globalThis as { readonly navigator?: { readonly onLine?: unknown } }).navigator;
  return nav?.onLine === false;
}

/** A fetch that rejected: offline if nothing could have been sent, else a maybe-committed failure. */
export function transportFailure(error: unknown, request: WlRequest): RequestFailure {
  const write = request.method !== 'GET';
  const codes = errorCodes(error);
  const detail = `${request.method} ${request.path}: ${codes.join(' <- ') || (error instanceof Error ? error.name : 'unknown error')}`;
  if (isAbort(error, request.signal)) {
    return { kind: 'failed', code: WL_CODES.aborted, userMessage: USER_MESSAGES.aborted, debugMessage: detail, maybeCommitted: write };
  }
  if (codes.some((c) => NOT_SENT_CODES.has(c)) || browserOffline()) {
    return { kind: 'offline', debugMessage: detail };
  }
  return { kind: 'failed', code: WL_CODES.connectionLost, userMessage: USER_MESSAGES.connectionLost, debugMessage: detail, maybeCommitted: write };
}

export function createSend(options: TransportOptions): Send {
  const root = `${options.baseUrl.replace(/\/+$/, '')}/users/@L@${options.lid}/rest/LiveContacts`;
  const authorization = `${AUTH_SCHEME} dt="${options.token}"`;
  return async (request) => {
    const headers: Record<string, string> = { [HEADERS.authorization]: authorization, Accept: 'application/xml', ...request.headers };
    if (request.body !== undefined) headers['Content-Type'] = XML_CONTENT_TYPE;
    const init: RequestInit = { method: request.method, headers };
    if (request.body !== undefined) init.body = request.body;
    if (request.signal !== undefined) init.signal = request.signal;
    try {
      const response = await options.fetch(request.path === '' ? root : `${root}/${request.path}`, init);
      // Reading the body can fail too (the connection drops mid-answer): same classification.
      const bytes = await response.arrayBuffer();
      const body = strictUtf8(bytes);
      if (body === null) return malformed(request, `${response.status} body is not valid UTF-8`, request.method !== 'GET');
      return { kind: 'response', status: response.status, headers: response.headers, body };
    } catch (error) {
      return transportFailure(error, request);
    }
  };
}

/** `Contacts/Contact({id})`, with the id escaped for the URL. */
export function contactPath(id: string): string {
  return `Contacts/Contact(${encodeURIComponent(id)})`;
}

/**
 * The id in the last `Element({id})` segment of a `Location` header (absolute or relative URL),
 * or null when the header is missing or names something else.
 */
export function idFromLocation(headers: Headers, element: string): string | null {
  const location = headers.get(HEADERS.location);
  if (location === null) return null;
  let path: string;
  try {
    path = new URL(location, 'http://relative.invalid').pathname;
  } catch {
    return null;
  }
  const match = new RegExp(`/${element}\\(([^()/]+)\\)/?$`, 'i').exec(path);
  if (match?.[1] === undefined) return null;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return null;
  }
}
