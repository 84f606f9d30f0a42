import { describe, expect, it } from 'vitest';
import { OPEN_FIELD_MODEL, type FieldModel } from '../service/field-model.js';
import { engineKit, person } from './engine-test-kit.js';

/** Emails as slots (one per type, as on Windows Live), phones capped at two, no name suffix. */
const MODEL: FieldModel = {
  ...OPEN_FIELD_MODEL,
  name: { ...OPEN_FIELD_MODEL.name, suffix: { stored: false, maxLength: 1_024 } },
  emails: { ...OPEN_FIELD_MODEL.emails, identity: 'slots', types: { personal: 1, work: 1, other: 1 } },
  phones: { ...OPEN_FIELD_MODEL.phones, maxItems: 2 },
};

async function syncedPair() {
  const kit = await engineKit({ fake: { fieldModel: MODEL } });
  const remoteId = kit.fake.remoteCreate(person('Ann', { emails: [{ type: 'personal', address: 'ann@old.example' }] }));
  await kit.engine.sync();
  const [ann] = await kit.engine.contacts.list();
  return { ...kit, remoteId, id: ann!.id };
}

describe('merging through the field model', () => {
  it('two devices change one email slot: one personal email on the server, the other restorable', async () => {
    const { engine, fake, remoteId, id } = await syncedPair();
    fake.remoteUpdate(remoteId, { emails: [{ type: 'personal', address: 'ann@remote.example' }] });
    await engine.contacts.update(id, (d) => void (d.emails[0] = { type: 'personal', address: 'ann@local.example' }));
    const report = await engine.sync();
    expect(report).toMatchObject({ outcome: 'ok', rejected: [], pending: 0 });
    expect(fake.list()[0]?.contact.emails).toEqual([{ type: 'personal', address: 'ann@local.example' }]);
    expect(await engine.pendingChanges()).toEqual([]);
    const [record] = await engine.conflicts();
    expect(record).toMatchObject({
      kind: 'overwritten',
      fields: [
        {
          path: 'emails',
          localValue: { type: 'personal', address: 'ann@local.example' },
          remoteValue: { type: 'personal', address: 'ann@remote.example' },
        },
      ],
    });
    await engine.resolveConflict(record!.id, 'use-remote');
    await engine.sync();
    expect(fake.list()[0]?.contact.emails).toEqual([{ type: 'personal', address: 'ann@remote.example' }]);
    expect((await engine.contacts.get(id))?.emails).toEqual([{ type: 'personal', address: 'ann@remote.example' }]);
  });

  it('a capped list that would overflow keeps the local items and records the remote one', async () => {
    const { engine, fake, remoteId, id } = await syncedPair();
    await engine.contacts.update(id, { phones: [{ type: 'mobile', number: '+1 555 0101' }] });
    await engine.sync();
    fake.remoteUpdate(remoteId, {
      phones: [
        { type: 'mobile', number: '+1 555 0101' },
        { type: 'home', number: '+1 555 0102' },
      ],
    });
    await engine.contacts.update(id, (d) => void d.phones.push({ type: 'work', number: '+1 555 0103' }));
    expect(await engine.sync()).toMatchObject({ outcome: 'ok', pending: 0 });
    expect(fake.list()[0]?.contact.phones.map((p) => p.number)).toEqual(['+1 555 0101', '+1 555 0103']);
    const [record] = await engine.conflicts();
    expect(record?.fields).toEqual([{ path: 'phones', localValue: null, remoteValue: { type: 'home', number: '+1 555 0102' } }]);
  });

  it('keeps a value the service cannot store through a remote edit, and says it is device-only', async () => {
    const { engine, fake, remoteId, id } = await syncedPair();
    await engine.contacts.update(id, (d) => void (d.name.suffix = 'Jr.'));
    expect(await engine.sync()).toMatchObject({ outcome: 'ok', pending: 0 });
    expect(fake.list()[0]?.contact.name.suffix).toBe('');
    fake.remoteUpdate(remoteId, { company: 'Remote Co' });
    await engine.sync();
    const ann = await engine.contacts.get(id);
    expect(ann).toMatchObject({ company: 'Remote Co', name: { suffix: 'Jr.' } });
    expect(await engine.contacts.deviceOnlyFields(id)).toEqual(['name.suffix']);
    expect(await engine.contacts.syncState(id)).toBe('synced');
    expect(engine.fieldModel.name.suffix.stored).toBe(false);
  });

  it('refuses locally what the model refuses, naming the field', async () => {
    const { engine, id } = await syncedPair();
    await expect(
      engine.contacts.update(id, (d) => void d.emails.push({ type: 'personal', address: 'two@x.example' })),
    ).rejects.toMatchObject({
      code: 'invalid-contact',
      fieldErrors: [{ path: 'emails.1.type', message: 'This account keeps one personal email address per contact: choose another type.' }],
    });
  });

  it('holds back a merge the service would refuse and names the field; an edit releases it', async () => {
    // The service's own rule (not in the model): at most two categories in all.
    const kit = await engineKit({
      fake: { reject: (c) => (c.categories.length > 2 ? 'Too many categories.' : null) },
      service: (fake) =>
        Object.assign(Object.create(fake) as typeof fake, {
          validate: (c: { categories: readonly string[] }) =>
            c.categories.length > 2 ? [{ path: 'categories', message: 'Use at most two categories.' }] : [],
        }),
    });
    const remoteId = kit.fake.remoteCreate(person('Ann', { categories: ['a'] }));
    await kit.engine.sync();
    const [ann] = await kit.engine.contacts.list();
    kit.fake.remoteUpdate(remoteId, { categories: ['a', 'remote'] });
    await kit.engine.contacts.update(ann!.id, { categories: ['a', 'local'] });
    const report = await kit.engine.sync();
    // The pull merged the two edits; the merged contact, which the service would refuse, was never sent.
    expect(kit.fake.log.filter((l) => l.call === 'push' && l.operations > 0)).toHaveLength(0);
    expect(kit.fake.list()[0]?.contact.categories).toEqual(['a', 'remote']);
    expect(report.pending).toBe(1);
    const pending = await kit.engine.pendingChanges();
    expect(pending).toMatchObject([{ status: 'rejected', userMessage: expect.stringContaining('the categories') }]);
    const [record] = (await kit.engine.conflicts()).filter((c) => c.kind === 'rejected');
    expect(record).toMatchObject({ code: 'merge-refused', fields: [{ path: 'categories' }] });
    await expect(kit.engine.resolveConflict(record!.id, 'keep-local')).rejects.toMatchObject({ code: 'invalid-contact' });
    await kit.engine.contacts.update(ann!.id, { categories: ['a', 'local'] });
    expect(await kit.engine.sync()).toMatchObject({ outcome: 'ok', pending: 0 });
    expect(kit.fake.list()[0]?.contact.categories).toEqual(['a', 'local']);
  });

  it('a refused change that a remote change makes moot resolves by itself', async () => {
    const kit = await engineKit({ fake: { reject: (c) => (c.company === 'Banned' ? 'That company name is not allowed.' : null) } });
    const remoteId = kit.fake.remoteCreate(person('Ann'));
    await kit.engine.sync();
    const [ann] = await kit.engine.contacts.list();
    await kit.engine.contacts.update(ann!.id, { company: 'Banned' });
    expect(await kit.engine.sync()).toMatchObject({ rejected: [{ contactId: ann!.id }] });
    kit.fake.remoteUpdate(remoteId, { company: 'Banned' });
    // The server now holds what was refused (say, a rule changed): nothing is left to send.
    await kit.engine.sync();
    expect(await kit.engine.pendingChanges()).toEqual([]);
    expect((await kit.engine.conflicts()).filter((c) => c.kind === 'rejected')).toEqual([]);
    expect(await kit.engine.contacts.syncState(ann!.id)).toBe('synced');
  });

  it('"Discard my change" leaves a record that brings the values back', async () => {
    const kit = await engineKit({ fake: { reject: (c) => (c.company === 'Banned' ? 'That company name is not allowed.' : null) } });
    kit.fake.remoteCreate(person('Ann', { company: 'Old' }));
    await kit.engine.sync();
    const [ann] = await kit.engine.contacts.list();
    await kit.engine.contacts.update(ann!.id, { company: 'Banned', notes: 'keep me' });
    await kit.engine.sync();
    const [refusal] = await kit.engine.conflicts();
    await kit.engine.resolveConflict(refusal!.id, 'use-remote');
    expect(await kit.engine.contacts.get(ann!.id)).toMatchObject({ company: 'Old', notes: '' });
    const [discarded] = await kit.engine.conflicts();
    expect(discarded).toMatchObject({
      kind: 'discarded',
      fields: [
        { path: 'company', localValue: 'Banned', remoteValue: 'Old' },
        { path: 'notes', localValue: 'keep me', remoteValue: '' },
      ],
    });
    await kit.engine.resolveConflict(discarded!.id, 'keep-local');
    expect(await kit.engine.contacts.get(ann!.id)).toMatchObject({ company: 'Banned', notes: 'keep me' });
  });
});
