import type { RequestFailure } from '@contactsync/core';
import { strictUtf8 } from '../shared/strict-utf8.js';
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
  /** Per-request timeout in ms, from the call until the whole body is read (default 30 s). */
  readonly timeoutMs?: number | undefined;
  /** Called once per exchange, after it ended. Must not throw. */
  readonly onExchange?: ((exchange: ExchangeRecord) => void) | undefined;
  /** Query parameters whose values never reach `onExchange` (tokens, session ids). */
  readonly secretQueryParams?: readonly string[] | undefined;
  /** Clock for `durationMs` (default `Date.now`). */
  readonly now?: (() => number) | undefined;
  readonly timers?: TransportTimers | undefined;
}

export type Send = (request: HttpRequest) => Promise<HttpResponse | RequestFailure>;

export const DEFAULT_TIMEOUT_MS = 30_000;

const globalTimers: TransportTimers = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
};

/** Only these methods leave server state alone; a failure of any other may have committed it. */
const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);

export function createTransport(options: TransportOptions): Send {
  const fetchImpl: FetchLike = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const now = options.now ?? Date.now;
  const timers = options.timers ?? globalTimers;
  const { vocabulary } = options;

  return async (request) => {
    const write = !SAFE_METHODS.has(request.method.toUpperCase());
    const safeUrl = redactUrl(request.url, options.secretQueryParams ?? []);
    const label = request.label ?? `${request.method} ${safeUrl}`;
    const started = now();
    const record = (status: number | null, problem: ExchangeRecord['problem']): void =>
      options.onExchange?.({ method: request.method, url: safeUrl, status, problem, durationMs: now() - started });

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
    // Aborted before anything left this machine: nothing can have been committed.
    if (request.signal?.aborted === true) return fail({ problem: 'aborted', maybeCommitted: false, detail: 'aborted before sending' });

    // One signal for fetch that ends on the caller's abort or on our timeout, whichever comes first.
    const controller = new AbortController();
    let timedOut = false;
    let callerAborted = false;
    const onCallerAbort = (): void => {
      callerAborted = true;
      controller.abort(request.signal?.reason);
    };
    request.signal?.addEventListener('abort', onCallerAbort, { once: true });
    const timer = timers.setTimeout(() => {
      timedOut = true;
      controller.abort(new DOMException(`no answer within ${timeoutMs} ms`, 'TimeoutError'));
    }, timeoutMs);

    const init: RequestInit = { method: request.method, signal: controller.signal };
    if (request.headers !== undefined) init.headers = { ...request.headers };
    if (request.body !== undefined) init.body = request.body;
    try {
      const response = await fetchImpl(request.url, init);
      // Reading the body can fail too (the connection drops mid-answer, the timeout fires): same classification.
      const text = strictUtf8(await response.arrayBuffer());
      if (text === null) {
        record(response.status, 'malformed-body');
        return {
          kind: 'failed',
          code: vocabulary.codes.malformedResponse,
          userMessage: vocabulary.userMessages.malformedResponse,
          debugMessage: `${label}: ${response.status} body is not valid UTF-8`,
          maybeCommitted: write,
        };
      }
      record(response.status, null);
      return { kind: 'response', status: response.status, headers: response.headers, body: text };
    } catch (error) {
      return fail(classifyNetworkError(error, { write, aborted: callerAborted, timedOut }));
    } finally {
      timers.clearTimeout(timer);
      request.signal?.removeEventListener('abort', onCallerAbort);
    }
  };
}
