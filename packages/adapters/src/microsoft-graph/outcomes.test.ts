import { describe, expect, it } from 'vitest';
import { headOf, requestFailure, retryAfterMs } from './outcomes.js';

const line = { method: 'GET', path: '/me/contacts/delta' };
const head = (status: number, headers: Record<string, string> = {}) => headOf(status, new Headers(headers));

describe('statuses', () => {
  it.each([
    [429, { 'Retry-After': '30' }, { kind: 'retry-at', retryAfterMs: 30_000, code: 'graph.throttled' }],
    [503, { 'Retry-After': '5' }, { kind: 'retry-at', retryAfterMs: 5_000, code: 'graph.unavailable' }],
    [504, { 'Retry-After': '5' }, { kind: 'retry-at', retryAfterMs: 5_000 }],
    [429, {}, { kind: 'failed', code: 'graph.throttled', maybeCommitted: false }],
    [401, {}, { kind: 'auth-required' }],
    [403, {}, { kind: 'forbidden' }],
    [424, {}, { kind: 'failed', code: 'graph.not-executed', maybeCommitted: false }],
    [500, {}, { kind: 'failed', code: 'graph.server-error' }],
    [418, {}, { kind: 'failed', code: 'graph.unexpected-status' }],
  ])('%i %j', (status, headers, expected) => {
    expect(requestFailure(head(status, headers), line)).toMatchObject(expected);
  });

  it('reads an HTTP-date Retry-After against the response Date, never as less than zero', () => {
    expect(retryAfterMs(head(429, { 'Retry-After': 'Mon, 05 Jan 2026 09:01:00 GMT', Date: 'Mon, 05 Jan 2026 09:00:00 GMT' }))).toBe(60_000);
    expect(retryAfterMs(head(429, { 'Retry-After': 'Mon, 05 Jan 2026 08:00:00 GMT', Date: 'Mon, 05 Jan 2026 09:00:00 GMT' }))).toBe(0);
    expect(retryAfterMs(head(429, { 'Retry-After': 'soon' }))).toBeNull();
  });

  it('reads batch item headers (a plain object) the same way', () => {
    expect(requestFailure(headOf(429, { 'retry-after': '7' }), line)).toMatchObject({ kind: 'retry-at', retryAfterMs: 7_000 });
  });
});
