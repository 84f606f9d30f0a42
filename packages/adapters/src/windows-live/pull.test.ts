import { toDraft, type PullOutcome, type PullPage, type RemoteChange } from '@contactsync/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { windowsLive } from './client.js';
import { rawClient, type RawClient } from './emulator/test-kit.js';

let c: RawClient;
beforeEach(async () => {
  c = await rawClient();
});
afterEach(async () => {
  await c.emulator.close();
});

const service = (fetchImpl?: typeof fetch) =>
  windowsLive({ baseUrl: c.emulator.url, lid: c.emulator.lid, token: c.emulator.token, ...(fetchImpl ? { fetch: fetchImpl } : {}) });
const person = (given: string) =>
  toDraft({ name: { given }, emails: [{ type: 'personal', address: `${given.toLowerCase()}@example.org` }] });
const secondOf = (ms: number): string => new Date(Math.floor(ms / 1000) * 1000).toUTCString();

function page(outcome: PullOutcome): PullPage {
  if (outcome.kind !== 'page') throw new Error(`expected a page, got ${JSON.stringify(outcome)}`);
  return outcome;
}
const ids = (changes: readonly RemoteChange[]) =>
  changes.map((ch) => (ch.kind === 'upsert' ? `+${ch.record.contact.name.given}` : `-${ch.remoteId}`));

describe('pull', () => {
  it('starts with a whole-book snapshot: versions and cursor are the root Last-Modified, child ids in meta', async () => {
    const [ada] = c.emulator.control.seed([person('Ada'), person('Ben')]);
    c.clock.advance(1500);
    const p = page(await service().pull({ cursor: null, consistency: 'delta' }));
    expect(p).toMatchObject({ mode: 'snapshot', more: false, cursor: secondOf(c.clock.now() - 1500) });
    const record = p.changes.find((ch) => ch.kind === 'upsert' && ch.record.remoteId === ada);
    expect(record?.kind === 'upsert' && record.record).toMatchObject({
      version: expect.stringMatching(new RegExp(`^${p.cursor}#[0-9a-f]{8}$`)) as unknown,
      contact: person('Ada'),
      meta: { emails: [{ id: c.emulator.control.wire(ada ?? '')?.Emails?.[0]?.ID, type: 'Personal' }], phones: [], locations: [] },
    });
  });

  it('then asks for deltas: 206 pages (more) until 304, with tombstones as deletes', async () => {
    const [ada, ben] = c.emulator.control.seed([person('Ada'), person('Ben')]);
    c.clock.advance(1000);
    const s = service();
    const first = page(await s.pull({ cursor: null, consistency: 'delta' }));
    c.emulator.control.update(ada ?? '', { notes: 'changed' });
    c.emulator.control.remove(ben ?? '');
    c.emulator.control.create(person('Cy'));
    expect(await s.pull({ cursor: first.cursor, consistency: 'delta' })).toEqual({ kind: 'not-modified' }); // same second
    c.clock.advance(1000);
    const delta = page(await s.pull({ cursor: first.cursor, consistency: 'delta' }));
    expect(delta.mode).toBe('delta');
    expect(delta.more).toBe(true);
    expect(ids(delta.changes).sort()).toEqual(['+Ada', '+Cy', `-${ben}`].sort());
    expect(await s.pull({ cursor: delta.cursor, consistency: 'delta' })).toEqual({ kind: 'not-modified' });
    const log = c.emulator.control.log();
    expect(log.map((e) => e.status)).toEqual([200, 304, 206, 304]);
  });

  it('pages by maxDeltaContacts, oldest second first, never splitting a second', async () => {
    c.emulator.control.setQuotas({ maxDeltaContacts: 4 });
    const s = service();
    const start = page(await s.pull({ cursor: null, consistency: 'delta' }));
    for (const n of [3, 3, 2]) {
      c.clock.advance(1000);
      c.emulator.control.seed(Array.from({ length: n }, (_, i) => person(`S${c.clock.now()}-${i}`)));
    }
    c.clock.advance(1000);
    const sizes: number[] = [];
    let cursor = start.cursor;
    for (;;) {
      const outcome = await s.pull({ cursor, consistency: 'delta' });
      if (outcome.kind === 'not-modified') break;
      sizes.push(page(outcome).changes.length);
      cursor = page(outcome).cursor;
    }
    expect(sizes).toEqual([3, 3, 2]);
  });

  it('includes a whole second even when it alone exceeds a page', async () => {
    c.emulator.control.setQuotas({ maxDeltaContacts: 2 });
    const s = service();
    const start = page(await s.pull({ cursor: null, consistency: 'delta' }));
    c.clock.advance(1000);
    c.emulator.control.seed([person('A'), person('B'), person('C')]);
    c.clock.advance(1000);
    expect(page(await s.pull({ cursor: start.cursor, consistency: 'delta' })).changes).toHaveLength(3);
  });

  it('answers consistency "complete" with a whole book that includes this second’s writes', async () => {
    const s = service();
    const start = page(await s.pull({ cursor: null, consistency: 'delta' }));
    c.emulator.control.create(person('Now'));
    const complete = page(await s.pull({ cursor: start.cursor, consistency: 'complete' }));
    expect(complete.mode).toBe('snapshot');
    expect(ids(complete.changes)).toEqual(['+Now']);
  });

  it('treats a 200 to a delta request as a snapshot (cursor older than the tombstones)', async () => {
    c.emulator.control.create(person('Old'));
    c.clock.advance(1000);
    const s = service();
    const start = page(await s.pull({ cursor: null, consistency: 'delta' }));
    c.clock.advance(31 * 86_400_000);
    const p = page(await s.pull({ cursor: start.cursor, consistency: 'delta' }));
    expect(p).toMatchObject({ mode: 'snapshot', more: false });
    expect(ids(p.changes)).toEqual(['+Old']);
  });

  it('after a reset, an older cursor gets a whole book (no tombstones survive a reset)', async () => {
    c.emulator.control.create(person('Before'));
    c.clock.advance(1000);
    const s = service();
    const start = page(await s.pull({ cursor: null, consistency: 'delta' }));
    c.clock.advance(1000);
    c.emulator.control.reset([person('After')]);
    c.clock.advance(1000);
    const p = page(await s.pull({ cursor: start.cursor, consistency: 'delta' }));
    expect(p.mode).toBe('snapshot');
    expect(ids(p.changes)).toEqual(['+After']);
  });

  it('maps failures to outcomes, never throwing', async () => {
    const s = service();
    c.emulator.control.failNext({ status: 503, retryAfter: 120 });
    expect(await s.pull({ cursor: null, consistency: 'delta' })).toMatchObject({ kind: 'retry-at', retryAfterMs: 120_000 });
    c.emulator.control.failNext({ status: 504 });
    expect(await s.pull({ cursor: null, consistency: 'delta' })).toMatchObject({ kind: 'failed', maybeCommitted: false });
    c.emulator.control.setLocked(true);
    expect(await s.pull({ cursor: null, consistency: 'delta' })).toMatchObject({ kind: 'auth-required' });
  });

  it('reports an unreadable or inconsistent answer as a malformed-response failure', async () => {
    const answer = (status: number, body: string, headers: Record<string, string> = {}) =>
      windowsLive({ baseUrl: 'http://x', lid: '0123456789abcdef', token: 't', fetch: async () => new Response(body, { status, headers }) });
    const lm = { 'Last-Modified': 'Tue, 01 Jun 2010 12:00:00 GMT' };
    const cases = [
      answer(200, '<LiveContacts><Contacts><Contact><ID>1</ID>', lm),
      answer(200, '<LiveContacts/>'),
      answer(200, '<LiveContacts><Contacts><Contact><Notes>no id</Notes></Contact></Contacts></LiveContacts>', lm),
      answer(206, '<LiveContacts/>', lm),
    ];
    for (const s of cases) {
      expect(await s.pull({ cursor: 'Tue, 01 Jun 2010 12:00:00 GMT', consistency: 'delta' })).toMatchObject({
        kind: 'failed',
        code: 'wl.malformed-response',
      });
    }
  });

  it('is offline when the server cannot be reached', async () => {
    const s = service();
    await c.emulator.close();
    expect(await s.pull({ cursor: null, consistency: 'delta' })).toMatchObject({ kind: 'offline' });
    c = await rawClient(); // for afterEach
  });
});
