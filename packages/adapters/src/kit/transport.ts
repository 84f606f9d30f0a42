import type { RequestFailure } from '@contactsync/core';
import { createBodyReader, type BodyPiece } from './body-reader.js';
import { classifyNetworkError, type NetworkFailure, type NetworkProblem } from './network-failure.js';
import { redactUrl } from './redact-url.js';

/**
 * One HTTP exchange, shared by every adapter. Every way an exchange can end comes back as data: a
 * response of any status with its body as strict UTF-8 text, or a `RequestFailure` saying whether
 * the request may have reached the server. Statuses are not interpreted here: each service reads
 * them through its own status table (status-table.ts).
 */

/** `fetch` as adapters call it: injectable at every layer (an emulator's in-process handler, a test double, a logging wrapper). */
export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export interface HttpRequest {
  readonly method: string;
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  /** The caller's signal (`PullRequest.signal` / `PushRequest.signal`). */
  readonly signal?: AbortSignal | undefined;
  /** How debug text names the request (default `METHOD url-without-secrets`). */
  readonly label?: string;
}

export interface HttpResponse {
  readonly kind: 'response';
  readonly status: number;
  readonly headers: Headers;
  readonly body: string;
}

/**
 * A response whose body is read as it arrives (`createStreamingTransport`). Each `read` answers
 * the next text piece, `end`, or the failure that stopped the body (classified like any exchange:
 * a dropped connection, the timeout, an abort, bytes that are not UTF-8, a body over the cap).
 */
export interface StreamingResponse {
  readonly kind: 'stream';
  readonly status: number;
  readonly headers: Headers;
  /** `signal`: the signal of the call that wants this piece (a later pull than the one that sent the request). */
  read(signal?: AbortSignal): Promise<{ readonly kind: 'text'; readonly text: string } | { readonly kind: 'end' } | RequestFailure>;
  /** Stops reading and releases the connection (the caller gave up on the rest). Idempotent. */
  cancel(): void;
}

/** What the `onExchange` hook sees of every exchange: enough for a log line or a journal entry, no secrets, no bodies. */
export interface ExchangeRecord {
  readonly method: string;
  /** The URL with credentials and the adapter's secret query parameters replaced. */
  readonly url: string;
  /** The HTTP status, or null when no response was read. */
  readonly status: number | null;
  /** Why no response was read (or `malformed-body`: a response whose body is not UTF-8). */
  readonly problem: NetworkProblem | 'malformed-body' | null;
  readonly durationMs: number;
}

/** The codes and user-facing sentences a service gives each way an exchange can fail. */
export type FailureKey = 'aborted' | 'timeout' | 'connectionLost' | 'malformedResponse';
export interface FailureVocabulary {
  readonly codes: Readonly<Record<FailureKey, string>>;
  readonly userMessages: Readonly<Record<FailureKey, string>>;
}

/** Timers the transport schedules its timeouts with; tests pass a fake one. */
export interface TransportTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** What an adapter's own options pass through to the transport unchanged. */
export type TransportTuning = Pick<TransportOptions, 'fetch' | 'timeoutMs' | 'onExchange'>;

export interface TransportOptions {
  readonly vocabulary: FailureVocabulary;
  /** Defaults to the global `fetch`, looked up at call time. */
  readonly fetch?: FetchLike | undefined;
  /**
   * Per-request timeout in ms (default 30 s): from the call until the whole body is read. A streamed
   * body is read over several calls, so there it bounds each wait instead: for the response head,
   * for each next piece, and for the caller to ask for the next piece (a reader that went away).
   */
  readonly timeoutMs?: number | undefined;
  /** Bytes a body may have; past it the exchange fails as a malformed response (default 512 MiB). */
  readonly maxBodyBytes?: number | undefined;
  /** Called once per exchange, after it ended. Must not throw. */
  readonly onExchange?: ((exchange: ExchangeRecord) => void) | undefined;
  /** Query parameters whose values never reach `onExchange` (tokens, session ids). */
  readonly secretQueryParams?: readonly string[] | undefined;
  /** Clock for `durationMs` (default `Date.now`). */
  readonly now?: (() => number) | undefined;
  readonly timers?: TransportTimers | undefined;
}

export type Send = (request: HttpRequest) => Promise<HttpResponse | RequestFailure>;
export type SendStreaming = (request: HttpRequest) => Promise<StreamingResponse | RequestFailure>;

export const DEFAULT_TIMEOUT_MS = 30_000;
/** Far above any address book this client reads in one response (100,000 Windows Live contacts: 136 MB). */
export const DEFAULT_MAX_BODY_BYTES = 512 * 1024 * 1024;

const globalTimers: TransportTimers = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
};

/** Only these methods leave server state alone; a failure of any other may have committed it. */
const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Every exchange, buffered or streamed: the whole body as one string. */
export function createTransport(options: TransportOptions): Send {
  const open = exchange(options, false);
  return async (request) => {
    const response = await open(request);
    if (response.kind !== 'stream') return response;
    const pieces: string[] = [];
    for (;;) {
      const piece = await response.read();
      if (piece.kind === 'end') return { kind: 'response', status: response.status, headers: response.headers, body: pieces.join('') };
      if (piece.kind !== 'text') return piece;
      pieces.push(piece.text);
    }
  };
}

/** The streaming read: the response head, then the body piece by piece as it arrives. */
export function createStreamingTransport(options: TransportOptions): SendStreaming {
  return exchange(options, true);
}

function exchange(options: TransportOptions, streamed: boolean): SendStreaming {
  const fetchImpl: FetchLike = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const now = options.now ?? Date.now;
  const timers = options.timers ?? globalTimers;
  const { vocabulary } = options;

  return async (request) => {
    const write = !SAFE_METHODS.has(request.method.toUpperCase());
    const safeUrl = redactUrl(request.url, options.secretQueryParams ?? []);
    const label = request.label ?? `${request.method} ${safeUrl}`;
    const started = now();
    let recorded = false;
    const record = (status: number | null, problem: ExchangeRecord['problem']): void => {
      if (recorded) return;
      recorded = true;
      options.onExchange?.({ method: request.method, url: safeUrl, status, problem, durationMs: now() - started });
    };

    const fail = (failure: NetworkFailure): RequestFailure => {
      record(null, failure.problem);
      const debugMessage = `${label}: ${failure.detail}`;
      if (failure.problem === 'offline') return { kind: 'offline', debugMessage };
      const key = failure.problem === 'connection-lost' ? 'connectionLost' : failure.problem;
      return {
        kind: 'failed',
        code: vocabulary.codes[key],
        userMessage: vocabulary.userMessages[key],
        debugMessage,
        maybeCommitted: failure.maybeCommitted,
      };
    };
    const malformedBody = (status: number, detail: string): RequestFailure => {
      record(status, 'malformed-body');
      return {
        kind: 'failed',
        code: vocabulary.codes.malformedResponse,
        userMessage: vocabulary.userMessages.malformedResponse,
        debugMessage: `${label}: ${status} ${detail}`,
        maybeCommitted: write,
      };
    };
    // Aborted before anything left this machine: nothing can have been committed.
    if (request.signal?.aborted === true) return fail({ problem: 'aborted', maybeCommitted: false, detail: 'aborted before sending' });

    // One signal for fetch that ends on the caller's abort or on our timeout, whichever comes first.
    const controller = new AbortController();
    let timedOut = false;
    let callerAborted = false;
    const stop = (reason: unknown): void => {
      controller.abort(reason);
      body?.cancel(reason);
    };
    const onCallerAbort = function (this: AbortSignal): void {
      callerAborted = true;
      stop(this.reason);
    };
    let timer: unknown = null;
    const arm = (): void => {
      if (timer !== null) timers.clearTimeout(timer);
      timer = timers.setTimeout(() => {
        timedOut = true;
        stop(new DOMException(`no answer within ${timeoutMs} ms`, 'TimeoutError'));
      }, timeoutMs);
    };
    let body: ReturnType<typeof createBodyReader> | null = null;
    const end = (): void => {
      if (timer !== null) timers.clearTimeout(timer);
      timer = null;
      request.signal?.removeEventListener('abort', onCallerAbort);
    };
    request.signal?.addEventListener('abort', onCallerAbort, { once: true });
    arm();

    const init: RequestInit = { method: request.method, signal: controller.signal };
    if (request.headers !== undefined) init.headers = { ...request.headers };
    if (request.body !== undefined) init.body = request.body;
    let response: Response;
    try {
      response = await fetchImpl(request.url, init);
    } catch (error) {
      end();
      return fail(classifyNetworkError(error, { write, aborted: callerAborted, timedOut }));
    }
    body = createBodyReader({ body: response.body, maxBytes });
    const reader = body;
    if (streamed) arm(); // From here the timer bounds the wait for the reader's next call.

    const read = async (signal?: AbortSignal): Promise<BodyPiece> => {
      if (signal?.aborted === true) onCallerAbort.call(signal);
      signal?.addEventListener('abort', onCallerAbort, { once: true });
      if (streamed) arm();
      try {
        return await reader.read();
      } finally {
        signal?.removeEventListener('abort', onCallerAbort);
        if (streamed) arm();
      }
    };
    return {
      kind: 'stream',
      status: response.status,
      headers: response.headers,
      read: async (signal) => {
        const piece = await read(signal);
        if (piece.kind === 'text') return piece;
        end();
        if (piece.kind === 'end') {
          record(response.status, null);
          return piece;
        }
        // Reading the body can fail too (the connection drops mid-answer, the timeout fires): same classification.
        if (piece.reason === 'not-utf8') return malformedBody(response.status, 'body is not valid UTF-8');
        if (piece.reason === 'too-large') return malformedBody(response.status, `body larger than ${maxBytes} bytes`);
        return fail(classifyNetworkError(piece.error, { write, aborted: callerAborted, timedOut }));
      },
      cancel: () => {
        end();
        record(response.status, null);
        reader.cancel(new DOMException('the reader stopped', 'AbortError'));
      },
    };
  };
}
