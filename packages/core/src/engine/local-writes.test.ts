import { describe, expect, it } from 'vitest';
import { SyncError } from '../errors.js';
import { engineKit, person } from './engine-test-kit.js';

describe('local writes (offline)', () => {
  it('creates, reads, updates with a patch or an immer recipe, and removes without a network', async () => {
    const { engine, fake } = await engineKit();
    const ada = await engine.contacts.create({ name: { given: 'Ada' }, emails: [{ address: 'ada@example.org' }] });
    expect(ada.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(ada.emails).toEqual([{ type: 'personal', address: 'ada@example.org' }]);
    await engine.contacts.update(ada.id, { company: 'Engines' });
    await engine.contacts.update(ada.id, (draft) => {
      draft.phones.push({ type: 'mobile', number: '+44 1' });
    });
    const read = await engine.contacts.get(ada.id);
    expect(read?.company).toBe('Engines');
    expect(read?.phones).toEqual([{ type: 'mobile', number: '+44 1' }]);
    expect(Object.keys(read ?? {})).not.toContain('remoteId');
    await engine.contacts.remove(ada.id);
    expect(await engine.contacts.list()).toEqual([]);
    expect(fake.log).toEqual([]);
  });

  it('coalesces several edits before a sync into one outbox entry', async () => {
    const { engine, fake } = await engineKit();
    const c = await engine.contacts.create(person('Ann'));
    await engine.contacts.update(c.id, { nickname: 'a' });
    await engine.contacts.update(c.id, { nickname: 'an' });
    expect(await engine.pendingChanges()).toMatchObject([{ contactId: c.id, kind: 'create', status: 'ready' }]);
    const report = await engine.sync();
    expect(report.pushed).toEqual({ created: 1, updated: 0, removed: 0 });
    expect(fake.list()[0]?.contact.nickname).toBe('an');
    expect(fake.log.filter((l) => l.call === 'push').map((l) => l.operations)).toEqual([1]);
  });

  it('keeps the first merge base when a synced contact is edited several times', async () => {
    const { engine, fake } = await engineKit();
    const remoteId = fake.remoteCreate(person('Ann'));
    await engine.sync();
    const [local] = await engine.contacts.list();
    await engine.contacts.update(local!.id, { notes: 'one' });
    await engine.contacts.update(local!.id, { company: 'two' });
    fake.remoteUpdate(remoteId, { jobTitle: 'remote' });
    const report = await engine.sync();
    expect(report.outcome).toBe('ok');
    expect(fake.list()[0]?.contact).toMatchObject({ notes: 'one', company: 'two', jobTitle: 'remote' });
  });

  it('a create deleted before any sync sends nothing', async () => {
    const { engine, fake } = await engineKit();
    const c = await engine.contacts.create(person('Ann'));
    await engine.contacts.remove(c.id);
    expect(await engine.pendingChanges()).toEqual([]);
    await engine.sync();
    expect(fake.log.filter((l) => l.call === 'push')).toEqual([]);
  });

  it('an edit then a delete of a synced contact sends one delete', async () => {
    const { engine, fake } = await engineKit();
    fake.remoteCreate(person('Ann'));
    await engine.sync();
    const [local] = await engine.contacts.list();
    await engine.contacts.update(local!.id, { notes: 'x' });
    await engine.contacts.remove(local!.id);
    expect(await engine.pendingChanges()).toMatchObject([{ kind: 'delete' }]);
    const report = await engine.sync();
    expect(report.pushed.removed).toBe(1);
    expect(fake.list()).toEqual([]);
  });

  it('refuses invalid input with a typed error and stores nothing', async () => {
    const { engine } = await engineKit();
    const attempt = engine.contacts.create({ name: { given: 'Bad' }, emails: [{ address: 'nope' }], birthday: '1815-13-40' });
    await expect(attempt).rejects.toBeInstanceOf(SyncError);
    await expect(attempt).rejects.toMatchObject({ code: 'invalid-contact' });
    const error = (await attempt.catch((e: unknown) => e)) as SyncError;
    expect(error.fieldErrors.map((f) => f.path)).toEqual(['birthday', 'emails.0.address']);
    expect(await engine.contacts.list()).toEqual([]);
    expect(await engine.pendingChanges()).toEqual([]);
  });

  it("applies the service's own validation rules", async () => {
    const { engine } = await engineKit({
      service: (fake) =>
        Object.assign(Object.create(fake) as typeof fake, { validate: () => [{ path: 'emails', message: 'One per type.' }] }),
    });
    await expect(engine.contacts.create(person('Ann'))).rejects.toMatchObject({ code: 'invalid-contact', userMessage: 'One per type.' });
  });

  it('keeps a pending change across a crash between the local write and the push', async () => {
    const kit = await engineKit();
    await kit.engine.contacts.create(person('Ann'));
    await kit.engine.close();
    const reopened = await kit.reopen();
    expect(await reopened.pendingChanges()).toHaveLength(1);
    const report = await reopened.sync();
    expect(report.pushed.created).toBe(1);
    expect(kit.fake.list()).toHaveLength(1);
  });

  it('rejects calls after close with a typed error', async () => {
    const { engine } = await engineKit();
    await engine.close();
    await expect(engine.contacts.list()).rejects.toMatchObject({ code: 'closed' });
  });
});
