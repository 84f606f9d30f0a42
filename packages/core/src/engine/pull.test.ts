import { describe, expect, it } from 'vitest';
import type { ContactService } from '../service/contact-service.js';
import { engineKit, person } from './engine-test-kit.js';

describe('pull', () => {
  it('applies a first snapshot and reports what was added', async () => {
    const { engine, fake } = await engineKit();
    for (const name of ['Ann', 'Ben', 'Cy']) fake.remoteCreate(person(name));
    const report = await engine.sync();
    expect(report).toMatchObject({ outcome: 'ok', pulled: { added: 3, updated: 0, removed: 0 }, pending: 0 });
    expect((await engine.contacts.list()).map((c) => c.name.given).sort()).toEqual(['Ann', 'Ben', 'Cy']);
  });

  it('applies deltas: remote creates, updates and deletes', async () => {
    const { engine, fake } = await engineKit();
    const ann = fake.remoteCreate(person('Ann'));
    const ben = fake.remoteCreate(person('Ben'));
    await engine.sync();
    fake.remoteUpdate(ann, { company: 'ACME' });
    fake.remoteRemove(ben);
    fake.remoteCreate(person('Cy'));
    const report = await engine.sync();
    expect(report.pulled).toEqual({ added: 1, updated: 1, removed: 1 });
    const names = (await engine.contacts.list()).map((c) => `${c.name.given}:${c.company}`).sort();
    expect(names).toEqual(['Ann:ACME', 'Cy:']);
  });

  it('answers not-modified with no changes', async () => {
    const { engine, fake } = await engineKit();
    fake.remoteCreate(person('Ann'));
    await engine.sync();
    const report = await engine.sync();
    expect(report.pulled).toEqual({ added: 0, updated: 0, removed: 0 });
    expect(fake.log.at(-1)).toEqual({ call: 'pull', operations: 0, answer: 'not-modified' });
  });

  it('follows pages until the last, in transactions of the chunk size', async () => {
    const { engine, fake } = await engineKit({ fake: { pageSize: 7 }, engine: { pullChunkSize: 3 } });
    for (let i = 0; i < 20; i++) fake.remoteCreate(person(`P${i}`));
    const progress: string[] = [];
    engine.subscribe((s) => {
      if (s.progress) progress.push(`${s.progress.done}/${s.progress.total}`);
    });
    const report = await engine.sync();
    expect(report.pulled.added).toBe(20);
    expect(fake.log.filter((l) => l.call === 'pull')).toHaveLength(3);
    expect(progress).toContain('20/20');
    for (let i = 0; i < 5; i++) fake.remoteCreate(person(`Q${i}`));
    expect((await engine.sync()).pulled.added).toBe(5);
  });

  it('a snapshot removes contacts the server no longer has, and keeps local edits of them', async () => {
    const kit = await engineKit();
    let forceSnapshot = false;
    const service: ContactService = {
      traits: kit.fake.traits,
      pull: (request) => kit.fake.pull(forceSnapshot ? { ...request, cursor: null } : request),
      push: (request) => kit.fake.push(request),
    };
    const engine = await kit.reopen(service);
    const gone = kit.fake.remoteCreate(person('Gone'));
    const edited = kit.fake.remoteCreate(person('Edited'));
    kit.fake.remoteCreate(person('Kept'));
    await engine.sync();
    const local = (await engine.contacts.list()).find((c) => c.name.given === 'Edited');
    await engine.contacts.update(local!.id, { notes: 'mine' });
    kit.fake.remoteRemove(gone);
    kit.fake.remoteRemove(edited);
    forceSnapshot = true;
    const report = await engine.sync();
    expect(report.pulled.removed).toBe(1);
    expect((await engine.contacts.list()).map((c) => c.name.given).sort()).toEqual(['Edited', 'Kept']);
    expect(
      kit.fake
        .list()
        .map((c) => `${c.contact.name.given}:${c.contact.notes}`)
        .sort(),
    ).toEqual(['Edited:mine', 'Kept:']);
    expect((await engine.conflicts()).map((c) => c.kind)).toEqual(['recreated']);
  });

  it('merges a pulled change into a contact with a pending local change instead of overwriting it', async () => {
    const { engine, fake } = await engineKit();
    const remoteId = fake.remoteCreate(person('Ann'));
    await engine.sync();
    const [local] = await engine.contacts.list();
    await engine.contacts.update(local!.id, { company: 'Local Co' });
    fake.remoteUpdate(remoteId, { jobTitle: 'Remote title' });
    const report = await engine.sync();
    expect(report.outcome).toBe('ok');
    expect(await engine.contacts.get(local!.id)).toMatchObject({ company: 'Local Co', jobTitle: 'Remote title' });
    expect(fake.list()[0]?.contact).toMatchObject({ company: 'Local Co', jobTitle: 'Remote title' });
  });

  it('a remote edit undoes a local delete', async () => {
    const { engine, fake } = await engineKit();
    const remoteId = fake.remoteCreate(person('Ann'));
    await engine.sync();
    const [local] = await engine.contacts.list();
    await engine.contacts.remove(local!.id);
    fake.remoteUpdate(remoteId, { notes: 'still needed' });
    const report = await engine.sync();
    expect(report.pending).toBe(0);
    expect((await engine.contacts.list()).map((c) => c.notes)).toEqual(['still needed']);
    expect(fake.list()).toHaveLength(1);
    expect((await engine.conflicts()).map((c) => c.kind)).toEqual(['delete-undone']);
  });
});

describe('two devices re-creating the same deleted contact', () => {
  it("the second device merges into the first one's copy instead of adding a twin", async () => {
    const a = await engineKit();
    const other = await engineKit({ service: () => a.fake });
    const remoteId = a.fake.remoteCreate(person('Ann'));
    await a.engine.sync();
    await other.engine.sync();
    const [onA] = await a.engine.contacts.list();
    const [onB] = await other.engine.contacts.list();
    await a.engine.contacts.update(onA!.id, { company: 'From A' });
    await other.engine.contacts.update(onB!.id, { jobTitle: 'From B' });
    a.fake.remoteRemove(remoteId);
    await a.engine.sync();
    await other.engine.sync();
    await a.engine.sync();
    expect(a.fake.list().map((c) => `${c.contact.name.given}:${c.contact.company}:${c.contact.jobTitle}`)).toEqual(['Ann:From A:From B']);
    expect(await other.engine.pendingChanges()).toEqual([]);
  });
});
