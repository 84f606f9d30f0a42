import { describe, expect, it } from 'vitest';
import { statusTable } from './status-table.js';

const table = statusTable({
  roles: ['read', 'delete'],
  decisions: ['ok', 'missing', 'retry', 'unexpected'],
  rows: {
    200: 'ok',
    404: { read: 'missing', delete: 'ok' },
    503: 'retry',
  },
  otherwise: 'unexpected',
});

describe('statusTable', () => {
  it('decides every listed status for every role, and unlisted ones by `otherwise`', () => {
    expect(table.statuses).toEqual([200, 404, 503]);
    expect(table.decide(200, 'read')).toBe('ok');
    expect(table.decide(404, 'read')).toBe('missing');
    expect(table.decide(404, 'delete')).toBe('ok');
    expect(table.decide(502, 'delete')).toBe('unexpected');
    expect(table.lists(404)).toBe(true);
    expect(table.lists(502)).toBe(false);
    expect(table.uniform(503)).toBe('retry');
    expect(table.uniform(502)).toBe('unexpected');
    expect(table.uniform(404)).toBeNull();
  });

  it('dispatches to one handler per decision', () => {
    const run = table.dispatch<number, string>({
      ok: (n) => `ok ${n}`,
      missing: () => 'missing',
      retry: (n) => `retry in ${n}`,
      unexpected: () => 'unexpected',
    });
    expect(run(503, 'read', 5)).toBe('retry in 5');
    expect(run(404, 'delete', 1)).toBe('ok 1');
    expect(run(418, 'read', 0)).toBe('unexpected');
  });

  it('refuses rows that are not statuses or leave a role undecided', () => {
    expect(() =>
      // @ts-expect-error -- the 404 row forgets the `delete` role
      statusTable({ roles: ['read', 'delete'], decisions: ['missing', 'x'], rows: { 404: { read: 'missing' } }, otherwise: 'x' }),
    ).toThrow(/404 decides nothing for delete/);
    // @ts-expect-error -- `gone` is not one of the decisions
    expect(() => statusTable({ roles: ['read'], decisions: ['ok', 'x'], rows: { 404: 'gone' }, otherwise: 'x' })).toThrow(
      /unknown decisions gone/,
    );
    expect(() => statusTable({ roles: ['read'], decisions: ['ok', 'x'], rows: { 99: 'ok' }, otherwise: 'x' })).toThrow(RangeError);
  });

  it('types handlers exhaustively', () => {
    // @ts-expect-error -- no handler for `unexpected`
    const run = table.dispatch<null, string>({ ok: () => 'ok', missing: () => 'missing', retry: () => 'retry' });
    expect(() => run(418, 'read', null)).toThrow(TypeError);
  });
});
