import type { RequestFailure } from './outcome.js';
import type { ServiceTraits } from '../service/contact-service.js';

export interface RetryPolicyOptions {
  /** First backoff delay. */
  readonly baseDelayMs: number;
  /** Longest backoff delay. */
  readonly maxDelayMs: number;
  /** Consecutive failed runs retried automatically before giving up (backoff). */
  readonly maxAttempts: number;
  /** Consecutive failed runs retried automatically when the server gave a retry-after. */
  readonly maxRetryAfterAttempts: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicyOptions = {
  baseDelayMs: 1_000,
  maxDelayMs: 5 * 60_000,
  maxAttempts: 5,
  maxRetryAfterAttempts: 10,
};

export type RetryDecision =
  /** Try again in `delayMs`. `serverImposed`: no request may reach the server before then. */
  { readonly kind: 'retry'; readonly delayMs: number; readonly serverImposed: boolean } | { readonly kind: 'give-up' };

/**
 * Decides whether and when a failed run is retried automatically. Pure: same inputs, same answer.
 * - A retry-after is a floor: the delay is never shorter, only stretched a little (up to 10%, at
 *   most 5 s) so that many clients told the same time do not return at the same instant.
 * - `retry-after-only` services are never retried without a retry-after (Yahoo, seed document,
 *   "Retrying Requests").
 * - Otherwise exponential backoff with equal jitter, capped, for a bounded number of attempts.
 * - A permanent failure (the request itself is wrong) is never retried.
 * - Authorisation problems and refusals are never retried: only the user can fix them. Being
 *   offline is retried by the `online` event, not by a timer.
 *
 * @param attempt 1 for the first failure in a row, 2 for the second, ...
 * @param random uniform in [0, 1)
 */
export function decideRetry(
  attempt: number,
  failure: RequestFailure,
  random: number,
  retryMode: ServiceTraits['retryMode'],
  options: RetryPolicyOptions = DEFAULT_RETRY_POLICY,
): RetryDecision {
  switch (failure.kind) {
    case 'retry-at': {
      if (attempt > options.maxRetryAfterAttempts) return { kind: 'give-up' };
      const floor = Math.max(0, failure.retryAfterMs);
      const spread = Math.min(floor * 0.1, 5_000);
      return { kind: 'retry', delayMs: Math.ceil(floor + random * spread), serverImposed: true };
    }
    case 'failed': {
      if (failure.permanent === true || retryMode === 'retry-after-only' || attempt > options.maxAttempts) return { kind: 'give-up' };
      const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (attempt - 1));
      return { kind: 'retry', delayMs: Math.ceil(ceiling / 2 + (random * ceiling) / 2), serverImposed: false };
    }
    case 'auth-required':
    case 'forbidden':
    case 'offline':
      return { kind: 'give-up' };
  }
}
