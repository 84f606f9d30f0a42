import { toDraft, type OperationOutcome, type PushOperation } from '@contactsync/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { windowsLive } from './client.js';
import { rawClient, type RawClient } from './emulator/test-kit.js';
import { WL_CODES } from './outcomes.js';

let c: RawClient;
beforeEach(async () => {
  c = await rawClient();
});
afterEach(async () => {
  await c.emulator.close();
});

const service = (token = c.emulator.token) => windowsLive({ baseUrl: c.emulator.url, lid: c.emulator.lid, token });
const person = (given: string, emails: { type: 'personal' | 'work' | 'other'; address: string }[] = []) =>
  toDraft({ name: { given }, emails });
const creates = (...names: string[]): PushOperation[] => names.map((n, i) => ({ kind: 'create', opId: String(i), contact: person(n) }));

async function push(operations: readonly PushOperation[], token?: string): Promise<readonly OperationOutcome[]> {
  const outcome = await service(token).push({ operations, cursor: null });
  if (outcome.kind !== 'results') throw new Error(JSON.stringify(outcome));
  expect(outcome.results).toHaveLength(operations.length);
  return outcome.results;
}
const sent = () => c.emulator.control.log().map((e) => `${e.method} ${e.status}`);

describe('whole-request failures end the batch: later operations get the failure without being sent', () => {
  it('503 with Retry-After -> retry-at', async () => {
    c.emulator.control.failNext({ status: 503, retryAfter: 120, method: 'POST', count: 1, path: '.' });
    const results = await push(creates('A', 'B'));
    expect(results.map((r) => r.kind)).toEqual(['retry-at', 'retry-at']);
    expect(results[0]).toMatchObject({ retryAfterMs: 120_000, code: WL_CODES.unavailable });
    expect(sent()).toEqual(['POST 503']);
  });

  it.each([
    [504, WL_CODES.contactsUnavailable],
    [503, WL_CODES.unavailable],
    [500, WL_CODES.serverError],
  ])('%i without Retry-After -> failed, handled like 500', async (status, code) => {
    c.emulator.control.failNext({ status, method: 'POST' });
    const results = await push(creates('A', 'B'));
    expect(results).toMatchObject([
      { kind: 'failed', code, maybeCommitted: false },
      { kind: 'failed', code, maybeCommitted: false },
    ]);
    expect(sent()).toEqual([`POST ${status}`]);
  });

  it('keeps the outcome of operations answered before the failure', async () => {
    await push(creates('warm-up'));
    c.emulator.control.clearLog();
    // The second POST fails: the first keeps its ok.
    let count = 0;
    const s = windowsLive({
      baseUrl: c.emulator.url,
      lid: c.emulator.lid,
      token: c.emulator.token,
      fetch: async (url, init) => {
        count++;
        if (count === 2) c.emulator.control.failNext({ status: 503, retryAfter: 5 });
        return fetch(url, init);
      },
    });
    const outcome = await s.push({ operations: creates('A', 'B', 'C'), cursor: null });
    expect(outcome.kind === 'results' && outcome.results.map((r) => r.kind)).toEqual(['ok', 'retry-at', 'retry-at']);
    expect(sent()).toEqual(['POST 201', 'POST 503']);
  });

  it('401 -> auth-required for every operation, one request only', async () => {
    const results = await push(creates('A', 'B'), 'revoked-token');
    expect(results.map((r) => r.kind)).toEqual(['auth-required', 'auth-required']);
    expect(results[0]).toMatchObject({ code: WL_CODES.unauthorized });
    expect(sent()).toEqual(['POST 401']);
  });

  it('403 with a read-only grant -> forbidden', async () => {
    const results = await push(creates('A', 'B'), c.emulator.control.mintToken({ readOnly: true }));
    expect(results.map((r) => r.kind)).toEqual(['forbidden', 'forbidden']);
    expect(results[0]).toMatchObject({ code: WL_CODES.readOnlyGrant });
  });

  it('405 (a client bug) -> a typed failure naming the Allow header', async () => {
    c.emulator.control.failNext({ status: 405, method: 'POST' });
    const [result] = await push(creates('A'));
    expect(result).toMatchObject({ kind: 'failed', code: WL_CODES.methodNotAllowed, maybeCommitted: false, permanent: true });
    expect(result?.kind === 'failed' && result.debugMessage).toContain('Allow: POST, PUT, GET, DELETE');
  });

  it('a lost response to a POST -> failed, maybe committed (it was); unsent operations are not', async () => {
    c.emulator.control.loseNextResponse({ match: { method: 'POST' } });
    const results = await push(creates('Lost', 'Unsent'));
    expect(results[0]).toMatchObject({ kind: 'failed', code: WL_CODES.connectionLost, maybeCommitted: true });
    expect(results[1]).toMatchObject({ kind: 'failed', code: WL_CODES.connectionLost, maybeCommitted: false });
    expect(c.emulator.control.list().map((e) => e.contact.name.given)).toEqual(['Lost']);
    expect(c.emulator.control.log()).toMatchObject([{ method: 'POST', status: 201, dropped: true }]);
  });

  it('connection refused -> offline for every operation', async () => {
    const s = service();
    await c.emulator.close();
    const outcome = await s.push({ operations: creates('A', 'B'), cursor: null });
    expect(outcome.kind === 'results' && outcome.results.map((r) => r.kind)).toEqual(['offline', 'offline']);
    c = await rawClient();
  });

  it('the calls-per-second limiter -> retry-at one second', async () => {
    c.emulator.control.setQuotas({ callsPerSecond: 1 });
    const results = await push(creates('A', 'B'));
    expect(results.map((r) => r.kind)).toEqual(['ok', 'retry-at']);
    expect(results[1]).toMatchObject({ retryAfterMs: 1000, code: WL_CODES.contactsUnavailable });
  });

  it('a 201 without a usable Location -> failed, maybe committed', async () => {
    const s = windowsLive({
      baseUrl: 'http://x',
      lid: '0123456789abcdef',
      token: 't',
      fetch: async () => new Response(null, { status: 201 }),
    });
    const outcome = await s.push({ operations: creates('A'), cursor: null });
    expect(outcome.kind === 'results' && outcome.results[0]).toMatchObject({
      kind: 'failed',
      code: WL_CODES.malformedResponse,
      maybeCommitted: true,
    });
  });
});

describe('refusals are per operation: the batch goes on', () => {
  it('400 -> rejected with a message naming the rule; 409 -> duplicate email type or quota', async () => {
    c.emulator.control.setQuotas({ maxContacts: 2 });
    const results = await push([
      { kind: 'create', opId: '1', contact: person('Bad', [{ type: 'personal', address: 'no-at-sign' }]) },
      {
        kind: 'create',
        opId: '2',
        contact: person('Two', [
          { type: 'work', address: 'a@x.org' },
          { type: 'work', address: 'b@x.org' },
        ]),
      },
      { kind: 'create', opId: '3', contact: person('Fine') },
      { kind: 'create', opId: '4', contact: person('Fine too') },
      { kind: 'create', opId: '5', contact: person('Over quota') },
    ]);
    expect(results.map((r) => (r.kind === 'rejected' ? r.code : r.kind))).toEqual([
      WL_CODES.badRequest,
      WL_CODES.duplicateEmailType,
      'ok',
      'ok',
      WL_CODES.quotaExceeded,
    ]);
    expect(results[0]?.kind === 'rejected' && results[0].userMessage).toContain('“no-at-sign”');
    expect(results[1]?.kind === 'rejected' && results[1].userMessage).toContain('more than one work address');
    expect(sent()).toEqual(['POST 400', 'POST 409', 'POST 201', 'POST 201', 'POST 409']);
  });

  it('an update that would hold two emails of one type is refused before anything is sent', async () => {
    const id = c.emulator.control.create(person('A', [{ type: 'personal', address: 'a@x.org' }]));
    c.clock.advance(1000);
    const pulled = await service().pull({ cursor: null, consistency: 'delta' });
    const base = pulled.kind === 'page' && pulled.changes[0]?.kind === 'upsert' ? pulled.changes[0].record : null;
    if (base === null) throw new Error('no base');
    c.emulator.control.clearLog();
    const [result] = await push([
      {
        kind: 'update',
        opId: 'u',
        base,
        contact: { ...base.contact, notes: 'n', emails: [...base.contact.emails, { type: 'personal', address: 'b@x.org' }] },
      },
    ]);
    expect(result).toMatchObject({ kind: 'rejected', code: WL_CODES.duplicateEmailType });
    expect(sent()).toEqual([]);
    expect(c.emulator.control.get(id)?.contact.notes).toBe('');
  });

  it('a category operation is answered, not thrown (the engine never sends one: categoryOperations is false)', async () => {
    const [result] = await push([{ kind: 'rename-category', opId: 'r', from: 'a', to: 'b' }]);
    expect(result).toMatchObject({ kind: 'failed', code: WL_CODES.unsupportedOperation });
  });
});
