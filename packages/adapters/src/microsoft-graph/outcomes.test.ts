import { describe, expect, it } from 'vitest';
import { GRAPH_ROLES, GRAPH_STATUS, headersOf, requestFailure } from './outcomes.js';

const line = { method: 'GET', path: '/me/contacts/delta' };

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
    [412, {}, { kind: 'failed', code: 'graph.unexpected-status' }],
  ])('%i %j on a delta request', (status, headers, expected) => {
    expect(requestFailure(status, new Headers(headers), 'delta', line)).toMatchObject(expected);
  });

  it('decides by role where Graph means different things', () => {
    expect(GRAPH_STATUS.decide(404, 'update')).toBe('gone');
    expect(GRAPH_STATUS.decide(404, 'delete')).toBe('already-gone');
    expect(GRAPH_STATUS.decide(404, 'read')).toBe('missing');
    expect(GRAPH_STATUS.decide(412, 'update')).toBe('conflict');
    expect(GRAPH_STATUS.decide(409, 'delete')).toBe('conflict');
    expect(GRAPH_STATUS.decide(410, 'delta')).toBe('resync');
    expect(GRAPH_STATUS.decide(201, 'create')).toBe('success');
    expect(GRAPH_STATUS.decide(201, 'delta')).toBe('unexpected');
    for (const role of GRAPH_ROLES) expect(GRAPH_STATUS.decide(429, role)).toBe('busy');
  });

  it('reads an HTTP-date Retry-After against the response Date, and batch item headers (a plain object) alike', () => {
    const dated = new Headers({ 'Retry-After': 'Mon, 05 Jan 2026 09:01:00 GMT', Date: 'Mon, 05 Jan 2026 09:00:00 GMT' });
    expect(requestFailure(429, dated, 'create', line)).toMatchObject({ kind: 'retry-at', retryAfterMs: 60_000 });
    expect(requestFailure(429, headersOf({ 'retry-after': '7' }), 'create', line)).toMatchObject({ kind: 'retry-at', retryAfterMs: 7_000 });
    expect(requestFailure(429, headersOf({ 'retry-after': 'soon' }), 'create', line)).toMatchObject({ kind: 'failed' });
  });
});
