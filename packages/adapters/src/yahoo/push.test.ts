import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { toDraft, type ContactService, type PushOperation, type PushOutcome, type RemoteContact } from '@contactsync/core';
import { yahooAddressBook } from './client.js';
import { decodeCursor } from './cursor.js';
import { startYahooEmulator, type YahooEmulator } from './emulator/index.js';

function results(outcome: PushOutcome) {
  if (outcome.kind !== 'results') throw new Error(`expected results, got ${JSON.stringify(outcome)}`);
  return outcome;
}

describe.each(['xml', 'json'] as const)('push (%s)', (format) => {
  let emu: YahooEmulator;
  let service: ContactService;
  beforeEach(async () => {
    emu = await startYahooEmulator();
    service = yahooAddressBook({ baseUrl: emu.url, appid: emu.appid, wssid: emu.wssid, cookie: emu.cookie, format });
  });
  afterEach(async () => {
    await emu.close();
  });

  /** Pulls the whole book: the cursor, and each record by its given name. */
  async function synced() {
    const outcome = await service.pull({ cursor: null, consistency: 'delta' });
    if (outcome.kind !== 'page') throw new Error(JSON.stringify(outcome));
    const byName = new Map(outcome.changes.flatMap((c) => (c.kind === 'upsert' ? [[c.record.contact.name.given, c.record] as const] : [])));
    return { cursor: outcome.cursor, record: (given: string) => byName.get(given) as RemoteContact };
  }
  const push = async (operations: PushOperation[], cursor: string | null) => results(await service.push({ operations, cursor }));
  const posts = () => emu.control.log().filter((l) => l.method === 'POST').length;
  const gets = () => emu.control.log().filter((l) => l.method === 'GET').length;

  it('sends one POST for the batch, maps results one-to-one, and keeps its own echoes out of pulled', async () => {
    emu.control.createContact(toDraft({ name: { given: 'Ann' } }));
    const { cursor, record } = await synced();
    const elsewhere = emu.control.createContact(toDraft({ name: { given: 'Elsewhere' } }));
    const out = await push(
      [
        { kind: 'create', opId: '1', contact: toDraft({ name: { given: 'New' }, categories: ['Friends'] }) },
        { kind: 'update', opId: '2', base: record('Ann'), contact: { ...record('Ann').contact, nickname: 'annie' } },
        { kind: 'create', opId: '3', contact: toDraft({ name: { given: 'Bad' }, emails: [{ address: 'no-at' }] }) },
      ],
      cursor,
    );
    expect(posts()).toBe(1);
    expect(out.results.map((r) => r.kind)).toEqual(['ok', 'ok', 'rejected']);
    const rev = String(emu.control.rev());
    expect(out.results[0]).toMatchObject({
      kind: 'ok',
      record: { version: rev, contact: { name: { given: 'New' }, categories: ['Friends'] } },
    });
    expect(out.results[1]).toMatchObject({
      kind: 'ok',
      record: { remoteId: record('Ann').remoteId, version: rev, contact: { nickname: 'annie' } },
    });
    expect(out.results[2]).toMatchObject({
      kind: 'rejected',
      code: '-40047',
      userMessage: expect.stringContaining('email address') as string,
    });
    expect(out.results[2]?.kind === 'rejected' && out.results[2].userMessage).not.toContain('no-at');
    expect(out.pulled?.changes.map((c) => (c.kind === 'upsert' ? c.record.remoteId : c.remoteId))).toEqual([elsewhere]);
    expect(decodeCursor(out.pulled?.cursor ?? '')).toMatchObject({ rev: emu.control.rev(), resync: false });
  });

  it('answers a contact changed since the cursor with a conflict carrying the state from the same response', async () => {
    emu.control.createContact(toDraft({ name: { given: 'Ann' }, nickname: 'a', company: 'c' }));
    const { cursor, record } = await synced();
    const ann = record('Ann');
    emu.control.updateContact(ann.remoteId, { nickname: 'elsewhere' });
    const out = await push(
      [
        { kind: 'update', opId: '1', base: ann, contact: { ...ann.contact, company: 'mine' } },
        { kind: 'update', opId: '2', base: ann, contact: { ...ann.contact, nickname: 'mine' } },
        { kind: 'delete', opId: '3', base: ann },
      ],
      cursor,
    );
    expect(out.results.map((r) => r.kind)).toEqual(['conflict', 'conflict', 'conflict']);
    expect(out.results[0]).toMatchObject({ current: { remoteId: ann.remoteId, contact: { nickname: 'elsewhere', company: 'c' } } });
    expect(emu.control.log().map((l) => l.nestedCodes)).toContainEqual([-40902, -40904, -40902]);
    expect(gets()).toBe(1); // no follow-up: the response carried the state
    expect(out.pulled?.changes).toHaveLength(1);
  });

  it('answers an update of a removed contact with gone, and a delete of one with ok', async () => {
    emu.control.createContact(toDraft({ name: { given: 'Ann' } }));
    emu.control.createContact(toDraft({ name: { given: 'Ben' } }));
    const { record } = await synced();
    emu.control.removeContact(record('Ann').remoteId);
    emu.control.removeContact(record('Ben').remoteId);
    // myrev=0: no revision check, so the server answers -40402 for both.
    const out = await push(
      [
        { kind: 'update', opId: '1', base: record('Ann'), contact: { ...record('Ann').contact, notes: 'x' } },
        { kind: 'delete', opId: '2', base: record('Ben') },
      ],
      null,
    );
    expect(out.results).toEqual([{ kind: 'gone' }, { kind: 'ok' }]);
  });

  it('adopts the existing contact when the server merges an identical create, fetching it if the response lacks it', async () => {
    const ann = emu.control.createContact(toDraft({ name: { given: 'Ann' }, emails: [{ address: 'ann@x.y' }] }));
    const { cursor } = await synced();
    const out = await push(
      [{ kind: 'create', opId: '1', contact: toDraft({ name: { given: 'Ann' }, emails: [{ address: 'ANN@x.y' }] }) }],
      cursor,
    );
    expect(out.results[0]).toMatchObject({ kind: 'ok', record: { remoteId: ann, contact: { emails: [{ address: 'ann@x.y' }] } } });
    expect(emu.control.listContacts()).toHaveLength(1);
    expect(gets()).toBe(2); // the merged contact had not changed since the cursor: one GET myrev=0 found it
  });

  it('adopts the identical contact on -40044 (strict duplicates) and rejects the other duplicate codes', async () => {
    emu.control.setStrictDuplicates(true);
    const ann = emu.control.createContact(toDraft({ name: { given: 'Ann' } }));
    emu.control.createContact(toDraft({ name: { given: 'Ben' }, nickname: 'b' }));
    const { cursor } = await synced();
    const out = await push(
      [
        { kind: 'create', opId: '1', contact: toDraft({ name: { given: 'Ann' } }) },
        { kind: 'create', opId: '2', contact: toDraft({ name: { given: 'Ben' } }) },
      ],
      cursor,
    );
    expect(out.results[0]).toMatchObject({ kind: 'ok', record: { remoteId: ann } });
    expect(out.results[1]).toMatchObject({ kind: 'rejected', code: '-40042' });
    expect(emu.control.listContacts()).toHaveLength(2);
  });

  it('renames and removes categories by catid; -40903 becomes a category-conflict with the current name', async () => {
    emu.control.createContact(toDraft({ name: { given: 'Ann' }, categories: ['Friends', 'Old', 'Work'] }));
    const { cursor } = await synced();
    emu.control.renameCategory('Work', 'Job');
    const out = await push(
      [
        { kind: 'rename-category', opId: '1', from: 'Friends', to: 'Pals' },
        { kind: 'remove-category', opId: '2', name: 'Old' },
        { kind: 'rename-category', opId: '3', from: 'Work', to: 'Office' },
        { kind: 'rename-category', opId: '4', from: 'Never', to: 'Seen' },
        { kind: 'remove-category', opId: '5', name: 'Never' },
      ],
      cursor,
    );
    expect(out.results).toEqual([
      { kind: 'ok' },
      { kind: 'ok' },
      { kind: 'category-conflict', currentName: 'Job' },
      { kind: 'category-conflict', currentName: null },
      { kind: 'ok' },
    ]);
    expect(emu.control.categories().map((c) => c.name)).toEqual(['Pals', 'Job']);
    // Job was renamed by someone else: the next pull must be a snapshot.
    expect(decodeCursor(out.pulled?.cursor ?? '')).toMatchObject({ resync: true, categories: [{ name: 'Pals' }, { name: 'Job' }] });
    const resubmitted = await push([{ kind: 'rename-category', opId: '3', from: 'Job', to: 'Office' }], out.pulled?.cursor ?? null);
    expect(resubmitted.results).toEqual([{ kind: 'ok' }]);
  });

  it('finds a category by a former name seen in a pull, and says what it is called now', async () => {
    emu.control.createContact(toDraft({ name: { given: 'Ann' }, categories: ['Friends'] }));
    const { cursor } = await synced();
    emu.control.renameCategory('Friends', 'Buddies');
    const pulled = await service.pull({ cursor, consistency: 'delta' });
    const out = await push(
      [{ kind: 'rename-category', opId: '1', from: 'Friends', to: 'Pals' }],
      pulled.kind === 'page' ? pulled.cursor : null,
    );
    expect(out.results).toEqual([{ kind: 'category-conflict', currentName: 'Buddies' }]);
  });

  it('applies a rename and a contact edit naming the new category in one push, without churn', async () => {
    emu.control.createContact(toDraft({ name: { given: 'Ann' }, categories: ['Friends'] }));
    const { cursor, record } = await synced();
    const ann = record('Ann');
    const out = await push(
      [
        { kind: 'rename-category', opId: 'c', from: 'Friends', to: 'Pals' },
        { kind: 'update', opId: 'u', base: ann, contact: { ...ann.contact, categories: ['Pals'], notes: 'n' } },
      ],
      cursor,
    );
    expect(out.results.map((r) => r.kind)).toEqual(['ok', 'ok']);
    expect(emu.control.getContact(ann.remoteId)?.categories).toEqual(['Pals']);
  });

  it('leaves pulled out when the response starts with address-book-reset: the next pull rebuilds', async () => {
    emu.control.createContact(toDraft({ name: { given: 'Ann' } }));
    const { cursor } = await synced();
    emu.control.createContact(toDraft({ name: { given: 'Elsewhere' } }));
    emu.control.forgetHistory();
    const out = await push([{ kind: 'create', opId: '1', contact: toDraft({ name: { given: 'New' } }) }], cursor);
    expect(out.results).toMatchObject([{ kind: 'ok', record: { contact: { name: { given: 'New' } } } }]);
    expect(out.pulled).toBeUndefined();
    const next = await service.pull({ cursor, consistency: 'delta' });
    expect(next).toMatchObject({ kind: 'page', mode: 'snapshot' });
    expect(next.kind === 'page' && next.changes).toHaveLength(3);
  });

  it('answers an update with nothing to change with the base record', async () => {
    emu.control.createContact(toDraft({ name: { given: 'Ann' } }));
    const { cursor, record } = await synced();
    const out = await push([{ kind: 'update', opId: 'u', base: record('Ann'), contact: record('Ann').contact }], cursor);
    expect(out.results).toEqual([{ kind: 'ok', record: record('Ann') }]);
  });

  it('reports a base whose meta it cannot use as a conflict with the current state', async () => {
    emu.control.createContact(toDraft({ name: { given: 'Ann' }, nickname: 'a' }));
    const { cursor, record } = await synced();
    const { meta: _meta, ...bare } = record('Ann');
    const out = await push([{ kind: 'update', opId: 'u', base: bare, contact: { ...bare.contact, nickname: 'b' } }], cursor);
    expect(out.results).toMatchObject([{ kind: 'conflict', current: { remoteId: bare.remoteId, contact: { nickname: 'a' } } }]);
    expect(posts()).toBe(0);
  });

  it('turns nested failures with retry-after into retry-at, and the others by the code table', async () => {
    const { cursor } = await synced();
    emu.control.failNextEvents({ code: -50302, retryAfter: 30 });
    emu.control.failNextEvents({ code: -17010 });
    emu.control.failNextEvents({ code: 99999, userMessage: 'not for users' });
    const make = (given: string): PushOperation => ({ kind: 'create', opId: given, contact: toDraft({ name: { given } }) });
    const out = await push([make('A'), make('B'), make('C'), make('D')], cursor);
    expect(out.results[0]).toMatchObject({ kind: 'retry-at', retryAfterMs: 30_000, code: '-50302' });
    expect(out.results[1]).toMatchObject({ kind: 'failed', code: '-17010', maybeCommitted: true });
    expect(out.results[2]).toMatchObject({ kind: 'failed', code: '99999', userMessage: 'Operation failed', maybeCommitted: false });
    expect(out.results[3]?.kind).toBe('ok');
  });

  it('never sends a value the format cannot carry; it is rejected here', async () => {
    const out = await push([{ kind: 'create', opId: '1', contact: toDraft({ name: { given: 'Bell\u0007' } }) }], null);
    if (format === 'xml') {
      expect(out.results).toMatchObject([{ kind: 'rejected', code: 'invalid-characters' }]);
      expect(posts()).toBe(0);
    } else expect(out.results).toMatchObject([{ kind: 'rejected', code: '-40014' }]);
  });
});
