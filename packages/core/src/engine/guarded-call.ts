import type { FailedOutcome } from '../policy/outcome.js';

export interface CallGuard {
  /** Per request; past it the request is aborted and the engine stops waiting for it. */
  readonly timeoutMs: number;
  /** Fires when the engine is closed: every request in flight is aborted. */
  readonly closing: AbortSignal;
}

const TIMEOUT_MESSAGE = 'The server took too long to answer. Your changes are kept and will be sent again.';
const CLOSED_MESSAGE = 'Sync was stopped because the app closed the account. Your changes are kept.';

/**
 * Runs one port call with an AbortSignal that fires on the timeout or on close, and stops waiting
 * at that moment even if the adapter ignores the signal: a sync never hangs longer than its
 * timeouts. An abandoned call's late answer is dropped. A write abandoned this way may have been
 * applied (`maybeCommitted`), so a create is looked for before it is sent again.
 *
 * Timers are real (`setTimeout`): a timeout measures how long this device waited, which no
 * injected wall clock can stand for.
 */
export function guardedCall<O>(guard: CallGuard, write: boolean, work: (signal: AbortSignal) => Promise<O>): Promise<O | FailedOutcome> {
  const timeoutMs = guard.timeoutMs;
  const controller = new AbortController();
  const stopped = (): FailedOutcome => {
    const timedOut = !guard.closing.aborted;
    return {
      kind: 'failed',
      code: timedOut ? 'timeout' : 'closed',
      userMessage: timedOut ? TIMEOUT_MESSAGE : CLOSED_MESSAGE,
      debugMessage: timedOut ? `no answer within ${timeoutMs} ms` : 'engine closed while a request was out',
      maybeCommitted: write,
    };
  };
  if (guard.closing.aborted) return Promise.resolve(stopped());

  let cleanup = (): void => undefined;
  const abandoned = new Promise<FailedOutcome>((resolve) => {
    const onClose = (): void => {
      controller.abort(new DOMException('The contact engine was closed.', 'AbortError'));
    };
    const timer = setTimeout(() => controller.abort(new DOMException(`No answer within ${timeoutMs} ms.`, 'TimeoutError')), timeoutMs);
    guard.closing.addEventListener('abort', onClose, { once: true });
    controller.signal.addEventListener('abort', () => resolve(stopped()), { once: true });
    cleanup = () => {
      clearTimeout(timer);
      guard.closing.removeEventListener('abort', onClose);
    };
  });
  const answered = work(controller.signal);
  // If the engine stopped waiting, a later rejection of the abandoned call is of no interest.
  answered.catch(() => undefined);
  return Promise.race([answered, abandoned]).finally(cleanup);
}
