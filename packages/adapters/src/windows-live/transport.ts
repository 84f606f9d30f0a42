import type { RequestFailure } from '@contactsync/core';
import {
  createStreamingTransport,
  createTransport,
  type HttpRequest,
  type HttpResponse,
  type StreamingResponse,
  type TransportTuning,
} from '../kit/index.js';
import { USER_MESSAGES, WL_CODES, type RequestLine } from './outcomes.js';
import { AUTH_SCHEME, HEADERS, XML_CONTENT_TYPE } from './wire.js';

/**
 * Windows Live's side of the kit transport: requests are paths below the book's root, carry the
 * delegated token, and send XML. Everything else (timeouts, aborts, UTF-8, failure classification)
 * is the kit's.
 */

export interface WlRequest extends RequestLine {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly signal?: AbortSignal | undefined;
}

export type WlResponse = HttpResponse;

export type Send = (request: WlRequest) => Promise<WlResponse | RequestFailure>;
/** The same request, its body read as it arrives (a whole book, issue 16). */
export type SendStreaming = (request: WlRequest) => Promise<StreamingResponse | RequestFailure>;

export interface TransportOptions extends TransportTuning {
  /** Origin (and any prefix) before `/users/@L@{lid}/rest/LiveContacts`. */
  readonly baseUrl: string;
  readonly lid: string;
  readonly token: string;
}

const VOCABULARY = {
  codes: {
    aborted: WL_CODES.aborted,
    timeout: WL_CODES.timeout,
    connectionLost: WL_CODES.connectionLost,
    malformedResponse: WL_CODES.malformedResponse,
  },
  userMessages: {
    aborted: USER_MESSAGES.aborted,
    timeout: USER_MESSAGES.timeout,
    connectionLost: USER_MESSAGES.connectionLost,
    malformedResponse: USER_MESSAGES.malformedResponse,
  },
} as const;

export function createSend(options: TransportOptions): Send {
  const send = createTransport({
    vocabulary: VOCABULARY,
    fetch: options.fetch,
    timeoutMs: options.timeoutMs,
    onExchange: options.onExchange,
  });
  const line = requestLine(options);
  return (request) => send(line(request));
}

export function createStreamingSend(options: TransportOptions): SendStreaming {
  const send = createStreamingTransport({
    vocabulary: VOCABULARY,
    fetch: options.fetch,
    timeoutMs: options.timeoutMs,
    onExchange: options.onExchange,
  });
  const line = requestLine(options);
  return (request) => send(line(request));
}

/** A request below the book's root as the kit sends it: the delegated token, XML both ways. */
function requestLine(options: TransportOptions): (request: WlRequest) => HttpRequest {
  const root = `${options.baseUrl.replace(/\/+$/, '')}/users/@L@${options.lid}/rest/LiveContacts`;
  const authorization = `${AUTH_SCHEME} dt="${options.token}"`;
  return (request) => {
    const headers: Record<string, string> = { [HEADERS.authorization]: authorization, Accept: 'application/xml', ...request.headers };
    if (request.body !== undefined) headers['Content-Type'] = XML_CONTENT_TYPE;
    return {
      method: request.method,
      url: request.path === '' ? root : `${root}/${request.path}`,
      headers,
      ...(request.body === undefined ? {} : { body: request.body }),
      signal: request.signal,
      label: `${request.method} ${request.path}`,
    };
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
