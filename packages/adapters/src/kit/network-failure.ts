/**
 * Why an exchange produced no readable response, and whether the request may have reached the
 * server. A write that may have been committed (the connection dropped or timed out after the
 * request left) must not be blindly re-sent: the engine looks for it first.
 */
export type NetworkProblem = 'offline' | 'aborted' | 'timeout' | 'connection-lost';

export interface NetworkFailure {
  readonly problem: NetworkProblem;
  /** The request may have reached the server and been applied. Always false for `offline`. */
  readonly maybeCommitted: boolean;
  /** Error codes along the `cause` chain, outermost first, or the error's name: for debug text. */
  readonly detail: string;
}

/**
 * Error codes (Node's and undici's, on the error or its `cause` chain) that mean no connection was
 * made, so nothing was sent. Anything else after `fetch` was called may have reached the server.
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

/** The `code`s on an error and its `cause` chain, outermost first. */
export function errorCodes(error: unknown): string[] {
  const codes: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    const code = (current as { readonly code?: unknown }).code;
    if (typeof code === 'string') codes.push(code);
    current = (current as { readonly cause?: unknown }).cause;
  }
  return codes;
}

/** No connection was made (a code says so): nothing can have reached the server. */
export function neverSent(error: unknown): boolean {
  return errorCodes(error).some((code) => NOT_SENT_CODES.has(code));
}

/** In a browser a refused connection carries no code; the browser's own offline flag tells instead. */
function browserOffline(): boolean {
  const nav = (globalThis as { readonly navigator?: { readonly onLine?: unknown } }).navigator;
  return nav?.onLine === false;
}

export interface FailureContext {
  /** The request changes server state (anything but GET/HEAD): only a write can be "committed". */
  readonly write: boolean;
  /** The caller's signal was aborted. */
  readonly aborted: boolean;
  /** The transport's own per-request timeout fired. */
  readonly timedOut: boolean;
}

/** Classifies what `fetch` (or reading its body) threw. Never looks at message text. */
export function classifyNetworkError(error: unknown, context: FailureContext): NetworkFailure {
  const codes = errorCodes(error);
  const detail = codes.join(' <- ') || (error instanceof Error ? error.name : 'unknown error');
  if (context.timedOut) return { problem: 'timeout', maybeCommitted: context.write, detail: `timed out (${detail})` };
  if (context.aborted || (error instanceof Error && error.name === 'AbortError'))
    return { problem: 'aborted', maybeCommitted: context.write, detail };
  if (codes.some((c) => NOT_SENT_CODES.has(c)) || browserOffline()) return { problem: 'offline', maybeCommitted: false, detail };
  return { problem: 'connection-lost', maybeCommitted: context.write, detail };
}
