import { describe, expect, it } from 'vitest';
import { failureOutcome, meaningOf, nestedVerdict, OPERATION_FAILED, YAHOO_CODES } from './outcomes.js';
import type { WireError } from './wire.js';

const error = (code: number, extra: Partial<WireError> = {}): WireError => ({
  code,
  userMessage: 'shown',
  debugMessage: 'never shown',
  ...extra,
});

/** Every code of seeds/yahoo-address-book-error-codes.txt, as the seed writes it. */
const SEED_CODES = [
  80040, 80030, 80020, 70040, -17005, -17010, -17011, -40006, -40007, -40009, -40012, -40014, -40015, -40020, -40021, -40022, -40031,
  -40032, -40034, -40038, -40039, -40040, -40042, -40043, -40044, -40045, -40046, -40047, -40048, -40049, -40060, -40061, -40062, -40063,
  -40064, -40101, -40102, -40103, -40303, -40304, -40402, -40403, -40404, -40902, -40903, -40904, -50302,
];

describe('the Yahoo code table', () => {
  it('has every seed code, once, with its signed form', () => {
    expect(
      Object.values(YAHOO_CODES)
        .map((c) => c.code)
        .sort(),
    ).toEqual([...SEED_CODES].sort());
  });

  it('matches codes by absolute value (historical clients saw them unsigned)', () => {
    expect(meaningOf(40902)).toEqual({ code: '-40902', means: 'contact-revision' });
    expect(meaningOf(-80020)).toEqual({ code: '80020', means: 'invalid-request' });
  });

  it('treats a code that is not in the seed as "Operation failed"', () => {
    expect(meaningOf(-12345).means).toBe('unknown');
    expect(failureOutcome(error(-12345), { retryAfterMs: null, writes: true })).toEqual({
      kind: 'failed',
      code: '-12345',
      userMessage: OPERATION_FAILED,
      debugMessage: 'never shown',
      maybeCommitted: false,
    });
    expect(nestedVerdict(error(-12345), 'update')).toEqual({
      kind: 'done',
      outcome: { kind: 'failed', code: '-12345', userMessage: OPERATION_FAILED, debugMessage: 'never shown', maybeCommitted: false },
    });
  });
});

describe('whole-request failures', () => {
  it.each([
    [-17005, 'auth-required'],
    [-40101, 'auth-required'],
    [-40102, 'auth-required'],
    [-40103, 'auth-required'],
    [-40303, 'forbidden'],
    [-40304, 'forbidden'],
    [80020, 'failed'],
    [80040, 'failed'],
    [-17011, 'failed'],
    [-50302, 'failed'],
  ])('%i -> %s', (code, kind) => {
    expect(failureOutcome(error(code), { retryAfterMs: null, writes: true }).kind).toBe(kind);
  });

  it('retries only with a retry-after, taking the larger of body and header', () => {
    expect(failureOutcome(error(-50302, { retryAfter: 600 }), { retryAfterMs: 30_000, writes: true })).toMatchObject({
      kind: 'retry-at',
      retryAfterMs: 600_000,
    });
    expect(failureOutcome(error(-17011, { retryAfter: 5 }), { retryAfterMs: 120_000, writes: false })).toMatchObject({
      kind: 'retry-at',
      retryAfterMs: 120_000,
    });
    expect(failureOutcome(error(-17011), { retryAfterMs: 7_000, writes: false })).toMatchObject({ kind: 'retry-at', retryAfterMs: 7_000 });
  });

  it('marks a timeout of a write as possibly committed, and nothing else', () => {
    expect(failureOutcome(error(-17010), { retryAfterMs: null, writes: true })).toMatchObject({ kind: 'failed', maybeCommitted: true });
    expect(failureOutcome(error(-17010), { retryAfterMs: null, writes: false })).toMatchObject({ kind: 'failed', maybeCommitted: false });
    expect(failureOutcome(error(80040), { retryAfterMs: null, writes: true })).toMatchObject({ kind: 'failed', maybeCommitted: false });
  });

  it('never puts the debug-message in the user message; falls back when the user-message is empty', () => {
    const outcome = failureOutcome(error(-17011, { userMessage: '' }), { retryAfterMs: null, writes: false });
    expect(outcome.kind === 'failed' && outcome.userMessage).not.toContain('never shown');
    expect(outcome.kind === 'failed' && outcome.userMessage.length).toBeGreaterThan(0);
  });
});

describe('nested failures, per operation', () => {
  it.each([
    [-40902, 'update', 'conflict'],
    [-40904, 'update', 'conflict'],
    [-40404, 'update', 'conflict'],
    [-40902, 'delete', 'conflict'],
    [-40903, 'category', 'category-conflict'],
    [-40403, 'category', 'category-conflict'],
    [-40403, 'update', 'conflict'],
    [-40044, 'create', 'adopt-duplicate'],
  ] as const)('%i on %s -> %s', (code, target, kind) => {
    expect(nestedVerdict(error(code), target).kind).toBe(kind);
  });

  it.each([
    [-40402, 'update', { kind: 'gone' }],
    [-40402, 'delete', { kind: 'ok' }],
    [-40047, 'create', { kind: 'rejected', code: '-40047', userMessage: 'shown', debugMessage: 'never shown' }],
    [40047, 'update', { kind: 'rejected', code: '-40047', userMessage: 'shown', debugMessage: 'never shown' }],
    [-40044, 'update', { kind: 'rejected', code: '-40044', userMessage: 'shown', debugMessage: 'never shown' }],
    [-40032, 'category', { kind: 'rejected', code: '-40032', userMessage: 'shown', debugMessage: 'never shown' }],
    [-40303, 'update', { kind: 'forbidden', code: '-40303', userMessage: 'shown', debugMessage: 'never shown' }],
    [-40103, 'create', { kind: 'auth-required', code: '-40103', userMessage: 'shown', debugMessage: 'never shown' }],
    [-17010, 'create', { kind: 'failed', code: '-17010', userMessage: 'shown', debugMessage: 'never shown', maybeCommitted: true }],
  ] as const)('%i on %s is final: %j', (code, target, outcome) => {
    expect(nestedVerdict(error(code), target)).toEqual({ kind: 'done', outcome });
  });

  it('turns any nested failure with retry-after into retry-at', () => {
    expect(nestedVerdict(error(-50302, { retryAfter: 60 }), 'create')).toMatchObject({
      kind: 'done',
      outcome: { kind: 'retry-at', retryAfterMs: 60_000 },
    });
    expect(nestedVerdict(error(-12345, { retryAfter: 1 }), 'update')).toMatchObject({
      kind: 'done',
      outcome: { kind: 'retry-at', retryAfterMs: 1_000, userMessage: OPERATION_FAILED },
    });
  });
});
