import { describe, expect, it } from 'vitest';
import { requestFailure, retryAfterMs, STATUS_HANDLING, WL_CODES } from './outcomes.js';

const line = { method: 'PUT', path: 'Contacts/Contact(1)' };
const head = (status: number, headers: Record<string, string> = {}) => ({ status, headers: new Headers(headers) });

describe('requestFailure (PROTOCOLS.md §3)', () => {
  it.each([
    [401, {}, { kind: 'auth-required', code: WL_CODES.unauthorized }],
    [403, {}, { kind: 'forbidden', code: WL_CODES.readOnlyGrant }],
    [500, {}, { kind: 'failed', code: WL_CODES.serverError, maybeCommitted: false }],
    [503, {}, { kind: 'failed', code: WL_CODES.unavailable, maybeCommitted: false }],
    [504, {}, { kind: 'failed', code: WL_CODES.contactsUnavailable, maybeCommitted: false }],
    [503, { 'Retry-After': '120' }, { kind: 'retry-at', retryAfterMs: 120_000, code: WL_CODES.unavailable }],
    [504, { 'Retry-After': '1' }, { kind: 'retry-at', retryAfterMs: 1_000, code: WL_CODES.contactsUnavailable }],
    [502, {}, { kind: 'failed', code: WL_CODES.unexpectedStatus }],
    [409, {}, { kind: 'failed', code: WL_CODES.unexpectedStatus }],
  ] as const)('%i %o', (status, headers, expected) => {
    const outcome = requestFailure(head(status, headers), line);
    expect(outcome).toMatchObject(expected);
    if (outcome.kind !== 'offline') expect(outcome.userMessage).not.toMatch(/\d{3}/); // no status codes for users
  });

  it('names the Allow header of a 405 (a client bug) in the debug message only', () => {
    const outcome = requestFailure(head(405, { Allow: 'GET, PUT' }), line);
    expect(outcome).toMatchObject({ kind: 'failed', code: WL_CODES.methodNotAllowed, maybeCommitted: false, permanent: true });
    expect(outcome.debugMessage).toContain('Allow: GET, PUT');
    expect(outcome.kind !== 'offline' && outcome.userMessage).not.toContain('Allow');
  });

  it('lists a handling for every status of the seed document', () => {
    expect(Object.keys(STATUS_HANDLING).map(Number)).toEqual([200, 201, 204, 206, 304, 400, 401, 403, 404, 405, 409, 412, 500, 503, 504]);
  });
});

describe('retryAfterMs', () => {
  it('reads delta-seconds and HTTP-dates (against the response Date), and nothing else', () => {
    expect(retryAfterMs(new Headers({ 'Retry-After': '0' }))).toBe(0);
    expect(retryAfterMs(new Headers({ 'Retry-After': 'Tue, 01 Jun 2010 12:02:00 GMT', Date: 'Tue, 01 Jun 2010 12:00:00 GMT' }))).toBe(120_000);
    expect(retryAfterMs(new Headers({ 'Retry-After': 'Tue, 01 Jun 2010 12:02:00 GMT' }))).toBeNull();
    expect(retryAfterMs(new Headers({ 'Retry-After': 'soon' }))).toBeNull();
    expect(retryAfterMs(new Headers({ 'Retry-After': '-5' }))).toBeNull();
    expect(retryAfterMs(new Headers())).toBeNull();
  });
});
