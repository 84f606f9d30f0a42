import { describe, expect, it } from 'vitest';
import type { RequestFailure } from './outcome.js';
import { DEFAULT_RETRY_POLICY, decideRetry } from './retry-policy.js';

const retryAt = (seconds: number): RequestFailure => ({
  kind: 'retry-at',
  retryAfterMs: seconds * 1000,
  code: '503',
  userMessage: 'busy',
});
const failed: RequestFailure = { kind: 'failed', code: '500', userMessage: 'failed', maybeCommitted: false };
const auth: RequestFailure = { kind: 'auth-required', code: '401', userMessage: 'sign in' };
const forbidden: RequestFailure = { kind: 'forbidden', code: '403', userMessage: 'no' };
const offline: RequestFailure = { kind: 'offline' };

describe('decideRetry', () => {
  const table: [string, number, RequestFailure, number, 'backoff' | 'retry-after-only', ReturnType<typeof decideRetry>][] = [
    ['retry-after is the floor (random 0)', 1, retryAt(120), 0, 'backoff', { kind: 'retry', delayMs: 120_000, serverImposed: true }],
    ['retry-after stretched at most 5 s', 1, retryAt(120), 0.999999, 'backoff', { kind: 'retry', delayMs: 125_000, serverImposed: true }],
    ['short retry-after stretched at most 10%', 1, retryAt(10), 0.5, 'backoff', { kind: 'retry', delayMs: 10_500, serverImposed: true }],
    [
      'retry-after honoured in retry-after-only mode',
      1,
      retryAt(600),
      0,
      'retry-after-only',
      { kind: 'retry', delayMs: 600_000, serverImposed: true },
    ],
    ['retry-after zero retries at once', 1, retryAt(0), 0.5, 'backoff', { kind: 'retry', delayMs: 0, serverImposed: true }],
    ['retry-after gives up after its attempt cap', 11, retryAt(5), 0, 'backoff', { kind: 'give-up' }],
    ['failure without retry-after: never in retry-after-only mode', 1, failed, 0, 'retry-after-only', { kind: 'give-up' }],
    ['first backoff, least jitter', 1, failed, 0, 'backoff', { kind: 'retry', delayMs: 500, serverImposed: false }],
    ['first backoff, most jitter', 1, failed, 0.999999, 'backoff', { kind: 'retry', delayMs: 1000, serverImposed: false }],
    ['third backoff doubles twice', 3, failed, 0, 'backoff', { kind: 'retry', delayMs: 2000, serverImposed: false }],
    ['last backoff attempt', 5, failed, 0, 'backoff', { kind: 'retry', delayMs: 8000, serverImposed: false }],
    ['backoff gives up after the cap', 6, failed, 0, 'backoff', { kind: 'give-up' }],
    ['a permanent failure never retries', 1, { ...failed, permanent: true }, 0, 'backoff', { kind: 'give-up' }],
    ['auth-required never retries', 1, auth, 0, 'backoff', { kind: 'give-up' }],
    ['forbidden never retries', 1, forbidden, 0, 'backoff', { kind: 'give-up' }],
    ['offline waits for the online event', 1, offline, 0, 'backoff', { kind: 'give-up' }],
  ];
  for (const [name, attempt, failure, random, mode, expected] of table) {
    it(name, () => expect(decideRetry(attempt, failure, random, mode)).toEqual(expected));
  }

  it('backoff delays are capped', () => {
    const options = { ...DEFAULT_RETRY_POLICY, maxAttempts: 50 };
    const decision = decideRetry(40, failed, 0.999999, 'backoff', options);
    expect(decision).toEqual({ kind: 'retry', delayMs: options.maxDelayMs, serverImposed: false });
  });

  it('never returns a delay below a retry-after, whatever the randomness', () => {
    for (let i = 0; i < 100; i++) {
      const decision = decideRetry(1, retryAt(i), i / 100, 'backoff');
      expect(decision.kind === 'retry' && decision.delayMs >= i * 1000).toBe(true);
    }
  });
});
