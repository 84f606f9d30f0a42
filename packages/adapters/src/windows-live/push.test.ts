import { toDraft, type ContactDraft, type OperationOutcome, type PushOperation, type RemoteContact } from '@contactsync/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { windowsLive } from './client.js';
import { rawClient, type RawClient } from './emulator/test-kit.js';
import { lastModifiedOf, versionOf } from './version.js';

let c: RawClient;
beforeEach(async () => {
  c = await rawClient();
});
afterEach(async () => {
  await c.emulator.close();
});

const service = () => windowsLive({ baseUrl: c.emulator.url, lid: c.emulator.lid, token: c.emulator.token });
const secondOf = (ms: number): string => new Date(Math.floor(ms / 1000) * 1000).toUTCString();
const ada = toDraft({
  name: { given: 'Ada', family: 'Lovelace' },
  emails: [{ type: 'personal', address: 'ada@home.org' }],
  phones: [{ type: 'mobile', number: '1' }],
  addresses: [{ type: 'home', city: 'London' }],
  categories: ['Friends'],
});

async function push(operations: PushOperation[]): Promise<readonly OperationOutcome[]> {
  const outcome = await service().push({ operations, cursor: null });
  if (outcome.kind !== 'results') throw new Error(JSON.stringify(outcome));
  expect(outcome.results).toHaveLength(operations.length);
  return outcome.results;
}

async function pulled(remoteId: string): Promise<RemoteContact> {
  const outcome = await service().pull({ cursor: null, consistency: 'complete' });
  const found = outcome.kind === 'page' ? outcome.changes.find((ch) => ch.kind === 'upsert' && ch.record.remoteId === remoteId) : undefined;
  if (found?.kind !== 'upsert') throw new Error(`${remoteId} not pulled`);
  return found.record;
}

const record = (outcome: OperationOutcome | undefined): RemoteContact => {
  if (outcome?.kind !== 'ok' || outcome.record === undefined) throw new Error(`expected ok with a record: ${JSON.stringify(outcome)}`);
  return outcome.record;
};
const stored = (id: string): ContactDraft | undefined => c.emulator.control.get(id)?.contact;

describe('create', () => {
  it('POSTs one contact; the record has the Location id and the 201 Last-Modified, child ids unknown', async () => {
    const [result] = await push([{ kind: 'create', opId: '1', contact: { ...ada, name: { ...ada.name, prefix: 'Lady' } } }]);
    const r = record(result);
    expect(lastModifiedOf(r.version)).toBe(secondOf(c.clock.now()));
    expect(r.contact).toEqual(ada); // prefix is not stored by the service
    expect(r.meta).toEqual({ emails: [null], phones: [null], locations: [null] });
    expect(stored(r.remoteId)).toEqual(ada);
    expect(c.emulator.control.log().map((e) => `${e.method} ${e.status}`)).toEqual(['POST 201']);
  });
});

describe('update', () => {
  it('sends a partial PUT with If-Unmodified-Since, then child DELETE and POST; the record addresses every child', async () => {
    const id = c.emulator.control.create(ada);
    c.clock.advance(1000);
    const base = await pulled(id);
    c.clock.advance(1000);
    const next: ContactDraft = {
      ...base.contact,
      jobTitle: 'Programmer',
      emails: [{ type: 'work', address: 'ada@home.org' }], // type change: delete + add
      phones: [{ type: 'mobile', number: '2' }], // changed in place
      addresses: [],
      categories: ['Friends', 'Mathematicians'],
    };
    c.emulator.control.clearLog();
    const [result] = await push([{ kind: 'update', opId: 'u', base, contact: next }]);
    const r = record(result);
    expect(stored(id)).toEqual(next);
    expect(r.contact).toEqual(next);
    expect(lastModifiedOf(r.version)).toBe(secondOf(c.clock.now()));
    const wire = c.emulator.control.wire(id);
    expect(r.meta).toEqual({
      emails: [{ id: wire?.Emails?.[0]?.ID, type: 'Business' }],
      phones: [wire?.Phones?.[0]?.ID],
      locations: [],
    });
    expect(c.emulator.control.log().map((e) => `${e.method} ${e.status}`)).toEqual(['PUT 204', 'DELETE 204', 'DELETE 204', 'POST 201']);
  });

  it('after our own create, reads the contact once to learn child ids, then updates', async () => {
    const [created] = await push([{ kind: 'create', opId: '1', contact: ada }]);
    const base = record(created);
    c.emulator.control.clearLog();
    const [result] = await push([
      { kind: 'update', opId: 'u', base, contact: { ...ada, emails: [{ type: 'personal', address: 'ada@new.org' }] } },
    ]);
    expect(record(result).meta).toMatchObject({
      emails: [{ id: c.emulator.control.wire(base.remoteId)?.Emails?.[0]?.ID, type: 'Personal' }],
    });
    expect(stored(base.remoteId)?.emails).toEqual([{ type: 'personal', address: 'ada@new.org' }]);
    expect(c.emulator.control.log().map((e) => `${e.method} ${e.status}`)).toEqual(['GET 200', 'PUT 204']);
  });

  it('answers a stale base with a conflict carrying a fresh GET, writing nothing', async () => {
    const id = c.emulator.control.create(ada);
    c.clock.advance(1000);
    const base = await pulled(id);
    c.clock.advance(1000);
    c.emulator.control.update(id, { notes: 'elsewhere' });
    const [result] = await push([{ kind: 'update', opId: 'u', base, contact: { ...base.contact, company: 'Mine' } }]);
    expect(result).toMatchObject({
      kind: 'conflict',
      current: {
        remoteId: id,
        version: expect.stringMatching(new RegExp(`^${secondOf(c.clock.now())}#`)) as unknown,
        contact: { notes: 'elsewhere', company: '' },
      },
    });
    expect(stored(id)?.company).toBe('');
  });

  it('when ids must be read first and the contact moved on, answers conflict without writing', async () => {
    const [created] = await push([{ kind: 'create', opId: '1', contact: ada }]);
    c.clock.advance(1000);
    c.emulator.control.update(record(created).remoteId, { notes: 'elsewhere' });
    const [result] = await push([{ kind: 'update', opId: 'u', base: record(created), contact: { ...ada, phones: [] } }]);
    expect(result).toMatchObject({ kind: 'conflict', current: { contact: { notes: 'elsewhere' } } });
    expect(stored(record(created).remoteId)?.phones).toHaveLength(1);
  });

  it('answers gone when the contact was deleted; sends nothing when nothing stored changed', async () => {
    const id = c.emulator.control.create(ada);
    c.clock.advance(1000);
    const base = await pulled(id);
    const [same] = await push([
      { kind: 'update', opId: 'u', base, contact: { ...base.contact, name: { ...base.contact.name, suffix: 'FRS' } } },
    ]);
    expect(record(same).version).toBe(base.version);
    c.emulator.control.remove(id);
    const [result] = await push([{ kind: 'update', opId: 'u', base, contact: { ...base.contact, notes: 'x' } }]);
    expect(result).toEqual({ kind: 'gone' });
  });

  it('treats a 400 for a child ID the server no longer has (same-second edit) as a conflict', async () => {
    const id = c.emulator.control.create(ada);
    c.clock.advance(1000);
    const pulledBase = await pulled(id);
    c.emulator.control.update(id, { emails: [{ type: 'personal', address: 'other@device.org' }] });
    // A version of this very second (as a 204 of our own would carry): the 412 check cannot see the edit.
    const base = { ...pulledBase, version: versionOf(secondOf(c.clock.now()), pulledBase.contact) };
    const [result] = await push([
      { kind: 'update', opId: 'u', base, contact: { ...base.contact, emails: [{ type: 'personal', address: 'mine@x.org' }] } },
    ]);
    expect(result).toMatchObject({
      kind: 'conflict',
      current: { contact: { emails: [{ type: 'personal', address: 'other@device.org' }] } },
    });
  });
});

describe('delete', () => {
  it('DELETEs with If-Unmodified-Since; 404 is success; 412 is a conflict', async () => {
    const [a, b, d] = c.emulator.control.seed([ada, ada, ada]);
    c.clock.advance(1000);
    const [ra, rb, rd] = [await pulled(a ?? ''), await pulled(b ?? ''), await pulled(d ?? '')];
    c.clock.advance(1000);
    c.emulator.control.remove(b ?? '');
    c.emulator.control.update(d ?? '', { notes: 'edited' });
    const results = await push([
      { kind: 'delete', opId: 'a', base: ra },
      { kind: 'delete', opId: 'b', base: rb },
      { kind: 'delete', opId: 'd', base: rd },
    ]);
    expect(results[0]).toEqual({ kind: 'ok' });
    expect(results[1]).toEqual({ kind: 'ok' });
    expect(results[2]).toMatchObject({ kind: 'conflict', current: { remoteId: d, contact: { notes: 'edited' } } });
    expect(c.emulator.control.list().map((e) => e.remoteId)).toEqual([d]);
  });
});
