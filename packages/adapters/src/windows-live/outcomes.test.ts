import { describe, expect, it } from 'vitest';
import { requestFailure, STATUS_HANDLING, WL_CODES, WL_ROLES, WL_STATUS } from './outcomes.js';

const line = { method: 'PUT', path: 'Contacts/Contact(1)' };
const head = (status: number, headers: Record<string, string> = {}) => ({ status, headers: new Headers(headers) });

describe('requestFailure (docs/engine-port.md §3)', () => {
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

describe('WL_STATUS', () => {
  it('decides what each role does with a status, not only failures', () => {
    const decisions = (status: number) => Object.fromEntries(WL_ROLES.map((role) => [role, WL_STATUS.decide(status, role)]));
    expect(decisions(404)).toEqual({
      book: 'unexpected',
      delta: 'unexpected',
      read: 'missing',
      create: 'unexpected',
      update: 'gone',
      delete: 'already-gone',
      'child-create': 'gone',
      'child-delete': 'already-gone',
    });
    expect(WL_STATUS.decide(412, 'update')).toBe('conflict');
    expect(WL_STATUS.decide(412, 'read')).toBe('unexpected');
    expect(WL_STATUS.decide(206, 'delta')).toBe('delta-page');
    expect(WL_STATUS.decide(206, 'book')).toBe('unexpected');
    expect(WL_STATUS.decide(502, 'update')).toBe('unexpected');
    expect(WL_STATUS.uniform(503)).toBe('busy');
  });
});
