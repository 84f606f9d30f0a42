import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ContactDraft } from '../model/contact.js';
import { toDraft } from '../model/draft.js';
import type { OperationOutcome } from '../policy/outcome.js';
import type { Cursor, PullOutcome, PushOperation, RemoteChange, RemoteContact } from './contact-service.js';
import type { ContractHarness, ContractOptions } from './contract-harness.js';
import { deviceOnlyFields } from '../model/device-only.js';
import { validateDraft } from '../model/validate.js';
import { OPEN_FIELD_MODEL } from './field-model.js';
import { contactAtLimits, contactsPastLimits } from './model-limits.js';

/** A contact with every field set, to check what survives a round trip. */
export const FULL_CONTACT: ContactDraft = toDraft({
  name: { given: 'Ada', middle: 'Augusta', family: 'Lovelace', prefix: 'Lady', suffix: 'FRS' },
  nickname: 'ada',
  company: 'Analytical Engines',
  jobTitle: 'Programmer',
  notes: 'Met at the Babbage salon; "Tom & Jerry" <test>',
  birthday: '1815-12-10',
  emails: [
    { type: 'personal', address: 'ada@example.org' },
    { type: 'work', address: 'ada@engines.example' },
  ],
  phones: [
    { type: 'mobile', number: '+44 20 7946 0000' },
    { type: 'work', number: '+44 20 7946 0001' },
  ],
  addresses: [{ type: 'home', street: "12 St James's Sq", city: 'London', region: 'Westminster', postalCode: 'SW1Y 4JH', country: 'GB' }],
  categories: ['Friends', 'Mathematicians'],
});

const person = (given: string, email?: string): ContactDraft =>
  toDraft({ name: { given, family: 'Contract' }, ...(email ? { emails: [{ type: 'personal', address: email }] } : {}) });

/** One outcome per operation, in order: the rule every adapter must keep. */
async function push(h: ContractHarness, operations: PushOperation[], cursor: Cursor | null): Promise<readonly OperationOutcome[]> {
  const outcome = await h.service.push({ operations, cursor });
  if (outcome.kind !== 'results') throw new Error(`push failed: ${JSON.stringify(outcome)}`);
  expect(outcome.results).toHaveLength(operations.length);
  return outcome.results;
}

/** Pulls until the service has nothing more; returns every change and the final cursor. */
async function pullAll(
  h: ContractHarness,
  cursor: Cursor | null,
): Promise<{ changes: RemoteChange[]; cursor: Cursor | null; modes: string[] }> {
  const changes: RemoteChange[] = [];
  const modes: string[] = [];
  for (let i = 0; i < 1_000; i++) {
    const outcome: PullOutcome = await h.service.pull({ cursor, consistency: 'delta' });
    if (outcome.kind === 'not-modified') return { changes, cursor: outcome.cursor ?? cursor, modes };
    if (outcome.kind !== 'page') throw new Error(`pull failed: ${JSON.stringify(outcome)}`);
    changes.push(...outcome.changes);
    modes.push(outcome.mode);
    cursor = outcome.cursor;
    if (!outcome.more) return { changes, cursor, modes };
  }
  throw new Error('pull never ended');
}

const upserts = (changes: readonly RemoteChange[]): Map<string, RemoteContact> =>
  new Map(changes.flatMap((c) => (c.kind === 'upsert' ? [[c.record.remoteId, c.record] as const] : [])));
const deletes = (changes: readonly RemoteChange[]): Set<string> =>
  new Set(changes.flatMap((c) => (c.kind === 'delete' ? [c.remoteId] : [])));

/** Drops the fields a service cannot store, so the rest can be compared exactly. */
function comparable(contact: ContactDraft, unsupported: readonly string[]): unknown {
  const copy = JSON.parse(JSON.stringify(contact)) as Record<string, unknown>;
  for (const path of unsupported) {
    const [head, part] = path.split('.');
    if (head === undefined) continue;
    if (part === undefined) delete copy[head];
    else delete (copy[head] as Record<string, unknown>)[part];
  }
  return copy;
}

/**
 * The service-port contract: what the engine relies on from every adapter, checked against the
 * in-memory fake and against each adapter talking to its emulator over HTTP.
 */
export function describeServiceContract(options: ContractOptions): void {
  const unsupported = options.unsupported?.fields ?? [];
  describe(`service port contract: ${options.name}`, () => {
    let h: ContractHarness;
    beforeEach(async () => {
      h = await options.setup();
    });
    afterEach(async () => {
      await h.close();
    });

    /** Takes the book's state as of now; `advance` lets a whole-second server report the last second. */
    async function settle(): Promise<void> {
      await h.advance(1_100);
    }

    it('answers a first pull with a snapshot of the whole book', async () => {
      const ids = [await h.remote.create(person('Ann')), await h.remote.create(person('Ben')), await h.remote.create(person('Cy'))];
      await settle();
      const { changes, cursor, modes } = await pullAll(h, null);
      expect(modes[0]).toBe('snapshot');
      expect([...upserts(changes).keys()].sort()).toEqual([...ids].sort());
      expect(cursor).not.toBeNull();
    });

    it('answers not-modified (or an empty delta) when nothing changed since the cursor', async () => {
      await h.remote.create(person('Ann'));
      await settle();
      const first = await pullAll(h, null);
      await settle();
      const again = await pullAll(h, first.cursor);
      expect(again.changes).toEqual([]);
    });

    it('reports remote creates, updates and deletes after the cursor as a delta', async () => {
      const kept = await h.remote.create(person('Ann'));
      const edited = await h.remote.create(person('Ben'));
      const removed = await h.remote.create(person('Cy'));
      await settle();
      const first = await pullAll(h, null);
      const created = await h.remote.create(person('Dee'));
      await h.remote.update(edited, { notes: 'changed elsewhere' });
      await h.remote.remove(removed);
      await settle();
      const delta = await pullAll(h, first.cursor);
      expect(delta.modes.every((m) => m === 'delta')).toBe(true);
      const changed = upserts(delta.changes);
      expect(changed.has(created)).toBe(true);
      expect(changed.get(edited)?.contact.notes).toBe('changed elsewhere');
      expect(changed.has(kept)).toBe(false);
      expect(deletes(delta.changes).has(removed)).toBe(true);
    });

    it('creates a contact and returns the stored record with its server id and version', async () => {
      await settle();
      const { cursor } = await pullAll(h, null);
      const [result] = await push(h, [{ kind: 'create', opId: 'a', contact: person('Eve', 'eve@example.org') }], cursor);
      expect(result?.kind).toBe('ok');
      const record = result?.kind === 'ok' ? result.record : undefined;
      expect(record?.remoteId).toBeTruthy();
      expect(record?.version).toBeTruthy();
      const listed = await h.remote.list();
      expect(listed.find((c) => c.remoteId === record?.remoteId)?.contact.emails[0]?.address).toBe('eve@example.org');
    });

    it('round-trips every field the service stores', async () => {
      const [result] = await push(h, [{ kind: 'create', opId: 'a', contact: FULL_CONTACT }], null);
      expect(result?.kind).toBe('ok');
      await settle();
      const { changes } = await pullAll(h, null);
      const [record] = [...upserts(changes).values()];
      const notStored = [...unsupported, ...deviceOnlyFields(FULL_CONTACT, h.service.fieldModel ?? OPEN_FIELD_MODEL)];
      expect(comparable(record?.contact as ContactDraft, notStored)).toEqual(comparable(FULL_CONTACT, notStored));
    });

    it('accepts a contact at the limits its field model declares, and keeps what it stores of it', async () => {
      const model = h.service.fieldModel ?? OPEN_FIELD_MODEL;
      const atLimits = contactAtLimits(model);
      expect(validateDraft(atLimits, model)).toEqual([]);
      const [result] = await push(h, [{ kind: 'create', opId: 'limits', contact: atLimits }], null);
      expect(result?.kind).toBe('ok');
      await settle();
      const [record] = [...upserts((await pullAll(h, null)).changes).values()];
      expect(comparable(record?.contact as ContactDraft, ['emails', 'phones', 'addresses', 'categories'])).toEqual(
        comparable(atLimits, ['emails', 'phones', 'addresses', 'categories']),
      );
      for (const list of ['emails', 'phones', 'addresses', 'categories'] as const)
        expect(record?.contact[list]).toHaveLength(atLimits[list].length);
    });

    it('refuses, by its field model first, a contact one step past each limit', async () => {
      const model = h.service.fieldModel ?? OPEN_FIELD_MODEL;
      const past = contactsPastLimits(model);
      for (const { path, contact } of past)
        expect(validateDraft(contact, model).map((e) => e.path.split('.').slice(0, path.split('.').length).join('.'))).toContain(path);
      // The server agrees on a sample: the longest note plus one, and one email too many in a slot.
      const modelOnly = options.modelOnlyLimits?.paths ?? [];
      const sample = past.filter((p) => (p.path === 'notes' || p.path === 'emails') && !modelOnly.includes(p.path)).slice(0, 2);
      const results = await push(
        h,
        sample.map((p, i) => ({ kind: 'create', opId: `past${i}`, contact: p.contact })),
        null,
      );
      for (const result of results) expect(result.kind).toBe('rejected');
    });

    it('gives a contact a new version when another device changes it right after our write', async () => {
      await settle();
      const first = await pullAll(h, null);
      const [created] = await push(h, [{ kind: 'create', opId: 'a', contact: person('Quick') }], first.cursor);
      const record = created?.kind === 'ok' ? created.record : undefined;
      expect(record).toBeDefined();
      await h.remote.update(record?.remoteId as string, { notes: 'same second' });
      await settle();
      const delta = await pullAll(h, first.cursor);
      const pulled = upserts(delta.changes).get(record?.remoteId as string);
      expect(pulled?.contact.notes).toBe('same second');
      expect(pulled?.version).not.toBe(record?.version);
    });

    it('updates a contact against its current version', async () => {
      const remoteId = await h.remote.create(person('Ann', 'ann@example.org'));
      await settle();
      const { changes, cursor } = await pullAll(h, null);
      const base = upserts(changes).get(remoteId) as RemoteContact;
      const contact: ContactDraft = {
        ...base.contact,
        company: 'ACME',
        emails: [...base.contact.emails, { type: 'work', address: 'ann@acme.example' }],
      };
      const [result] = await push(h, [{ kind: 'update', opId: 'u', base, contact }], cursor);
      expect(result?.kind).toBe('ok');
      const stored = (await h.remote.list()).find((c) => c.remoteId === remoteId)?.contact;
      expect(stored?.company).toBe('ACME');
      expect(stored?.emails.map((e) => e.address).sort()).toEqual(['ann@acme.example', 'ann@example.org']);
    });

    it('answers an update against a stale version with a conflict carrying the current state', async () => {
      const remoteId = await h.remote.create(person('Ann'));
      await settle();
      const { changes, cursor } = await pullAll(h, null);
      const base = upserts(changes).get(remoteId) as RemoteContact;
      await h.remote.update(remoteId, { notes: 'changed elsewhere' });
      await settle();
      const [result] = await push(h, [{ kind: 'update', opId: 'u', base, contact: { ...base.contact, company: 'Mine' } }], cursor);
      expect(result?.kind).toBe('conflict');
      if (result?.kind === 'conflict') {
        expect(result.current?.contact.notes).toBe('changed elsewhere');
        expect(result.current?.version).not.toBe(base.version);
      }
      expect((await h.remote.list()).find((c) => c.remoteId === remoteId)?.contact.company).toBe('');
    });

    it('deletes a contact, and treats deleting a contact that is already gone as done', async () => {
      const a = await h.remote.create(person('Ann'));
      const b = await h.remote.create(person('Ben'));
      await settle();
      const { changes, cursor } = await pullAll(h, null);
      const all = upserts(changes);
      await h.remote.remove(b);
      await settle();
      const results = await push(
        h,
        [
          { kind: 'delete', opId: 'a', base: all.get(a) as RemoteContact },
          { kind: 'delete', opId: 'b', base: all.get(b) as RemoteContact },
        ],
        cursor,
      );
      expect(results.map((r) => r.kind)).toEqual(['ok', 'ok']);
      expect((await h.remote.list()).map((c) => c.remoteId)).not.toContain(a);
    });

    it('answers an update of a contact deleted on the server with gone', async () => {
      const remoteId = await h.remote.create(person('Ann'));
      await settle();
      const { changes, cursor } = await pullAll(h, null);
      const base = upserts(changes).get(remoteId) as RemoteContact;
      await h.remote.remove(remoteId);
      await settle();
      const [result] = await push(h, [{ kind: 'update', opId: 'u', base, contact: { ...base.contact, company: 'Mine' } }], cursor);
      expect(result?.kind === 'gone' || (result?.kind === 'conflict' && result.current === null)).toBe(true);
    });

    it('answers a batch in request order, one outcome each, refusing only the invalid write', async () => {
      const invalid = toDraft({ name: { given: 'Bad' }, emails: [{ type: 'personal', address: 'no-at-sign' }] });
      const results = await push(
        h,
        [
          { kind: 'create', opId: '1', contact: person('One') },
          { kind: 'create', opId: '2', contact: invalid },
          { kind: 'create', opId: '3', contact: person('Three') },
        ],
        null,
      );
      expect(results.map((r) => r.kind)).toEqual(['ok', 'rejected', 'ok']);
      const refusal = results[1];
      if (refusal?.kind === 'rejected') expect(refusal.userMessage.length).toBeGreaterThan(0);
      const names = (await h.remote.list()).map((c) => c.contact.name.given).sort();
      expect(names).toEqual(['One', 'Three']);
    });

    it('does not report its own successful writes back as remote changes', async () => {
      await settle();
      const first = await pullAll(h, null);
      const outcome = await h.service.push({ operations: [{ kind: 'create', opId: 'a', contact: person('Echo') }], cursor: first.cursor });
      expect(outcome.kind).toBe('results');
      if (outcome.kind !== 'results') return;
      const created = outcome.results[0]?.kind === 'ok' ? outcome.results[0].record?.remoteId : undefined;
      const echoed = (outcome.pulled?.changes ?? []).some((c) => c.kind === 'upsert' && c.record.remoteId === created);
      expect(echoed).toBe(false);
    });
  });
}
