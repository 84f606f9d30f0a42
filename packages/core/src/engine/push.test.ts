import { describe, expect, it } from 'vitest';
import type { ContactService, PushRequest } from '../service/contact-service.js';
import { engineKit, person } from './engine-test-kit.js';

describe('push and merge-and-resubmit', () => {
  it('pushes offline creates, updates and deletes in one sync', async () => {
    const { engine, fake } = await engineKit();
    const ann = fake.remoteCreate(person('Ann'));
    fake.remoteCreate(person('Ben'));
    await engine.sync();
    const local = await engine.contacts.list();
    await engine.contacts.update(local.find((c) => c.name.given === 'Ann')!.id, { company: 'ACME' });
    await engine.contacts.remove(local.find((c) => c.name.given === 'Ben')!.id);
    await engine.contacts.create(person('Cy'));
    const report = await engine.sync();
    expect(report).toMatchObject({ outcome: 'ok', pushed: { created: 1, updated: 1, removed: 1 }, pending: 0 });
    expect(
      fake
        .list()
        .map((c) => c.contact.name.given)
        .sort(),
    ).toEqual(['Ann', 'Cy']);
    expect(fake.list().find((c) => c.remoteId === ann)?.contact.company).toBe('ACME');
    expect(await engine.contacts.syncState(local[0]!.id)).toBe('synced');
  });

  /** A service whose next push first lets "another device" change the book. */
  function racing(fake: ContactService & { remoteUpdate: (id: string, c: object) => void }, race: () => void): ContactService {
    let raced = false;
    return {
      traits: fake.traits,
      pull: (r) => fake.pull(r),
      push: (request: PushRequest) => {
        if (!raced) {
          raced = true;
          race();
        }
        return fake.push(request);
      },
    };
  }

  it('merges disjoint edits after a conflict and resubmits', async () => {
    let remoteId = '';
    const kit = await engineKit({ service: (fake) => racing(fake, () => fake.remoteUpdate(remoteId, { jobTitle: 'Remote' })) });
    remoteId = kit.fake.remoteCreate(person('Ann'));
    // The first sync has nothing to push, so the race fires on the second.
    await kit.engine.sync();
    const [local] = await kit.engine.contacts.list();
    await kit.engine.contacts.update(local!.id, { company: 'Local' });
    const report = await kit.engine.sync();
    expect(report).toMatchObject({ outcome: 'ok', merged: 1, pending: 0 });
    expect(kit.fake.list()[0]?.contact).toMatchObject({ company: 'Local', jobTitle: 'Remote' });
    expect(await kit.engine.contacts.get(local!.id)).toMatchObject({ company: 'Local', jobTitle: 'Remote' });
    expect(await kit.engine.conflicts()).toEqual([]);
  });

  it('keeps the local value of a field changed on both sides and logs the remote one for restoring', async () => {
    let remoteId = '';
    const kit = await engineKit({ service: (fake) => racing(fake, () => fake.remoteUpdate(remoteId, { notes: 'remote note' })) });
    remoteId = kit.fake.remoteCreate(person('Ann'));
    await kit.engine.sync();
    const [local] = await kit.engine.contacts.list();
    await kit.engine.contacts.update(local!.id, { notes: 'local note' });
    const report = await kit.engine.sync();
    expect(report.merged).toBe(1);
    expect(kit.fake.list()[0]?.contact.notes).toBe('local note');
    const [conflict] = await kit.engine.conflicts();
    expect(conflict).toMatchObject({
      contactId: local!.id,
      kind: 'overwritten',
      fields: [{ path: 'notes', localValue: 'local note', remoteValue: 'remote note' }],
    });
    await kit.engine.resolveConflict(conflict!.id, 'use-remote');
    expect((await kit.engine.contacts.get(local!.id))?.notes).toBe('remote note');
    await kit.engine.sync();
    expect(kit.fake.list()[0]?.contact.notes).toBe('remote note');
    expect(await kit.engine.conflicts()).toEqual([]);
  });

  it('keeps emails added on both sides', async () => {
    let remoteId = '';
    const kit = await engineKit({
      service: (fake) => racing(fake, () => fake.remoteUpdate(remoteId, { emails: [{ type: 'work', address: 'remote@example.org' }] })),
    });
    remoteId = kit.fake.remoteCreate(person('Ann'));
    await kit.engine.sync();
    const [local] = await kit.engine.contacts.list();
    await kit.engine.contacts.update(local!.id, { emails: [{ type: 'personal', address: 'local@example.org' }] });
    await kit.engine.sync();
    expect(
      kit.fake
        .list()[0]
        ?.contact.emails.map((e) => e.address)
        .sort(),
    ).toEqual(['local@example.org', 'remote@example.org']);
  });

  it('re-creates a contact edited here and deleted on the server during the push', async () => {
    let remoteId = '';
    const kit = await engineKit({ service: (fake) => racing(fake, () => fake.remoteRemove(remoteId)) });
    remoteId = kit.fake.remoteCreate(person('Ann'));
    await kit.engine.sync();
    const [local] = await kit.engine.contacts.list();
    await kit.engine.contacts.update(local!.id, { notes: 'keep me' });
    const report = await kit.engine.sync();
    expect(report).toMatchObject({ outcome: 'ok', pushed: { created: 1 }, pending: 0 });
    expect(kit.fake.list().map((c) => c.contact.notes)).toEqual(['keep me']);
    expect((await kit.engine.conflicts()).map((c) => c.kind)).toEqual(['recreated']);
  });

  it('stops resubmitting after the round cap and reports the change as an unresolved conflict', async () => {
    let remoteId = '';
    let n = 0;
    const kit = await engineKit({
      engine: { maxConflictRounds: 3 },
      service: (fake) => ({
        traits: fake.traits,
        pull: (r) => fake.pull(r),
        push: (r) => {
          fake.remoteUpdate(remoteId, { jobTitle: `remote ${n++}` });
          return fake.push(r);
        },
      }),
    });
    remoteId = kit.fake.remoteCreate(person('Ann'));
    await kit.engine.sync();
    const [local] = await kit.engine.contacts.list();
    await kit.engine.contacts.update(local!.id, { company: 'Local' });
    const report = await kit.engine.sync();
    expect(report.outcome).toBe('partial');
    expect(report.pending).toBe(1);
    expect(kit.fake.log.filter((l) => l.call === 'push')).toHaveLength(3);
    expect(await kit.engine.contacts.syncState(local!.id)).toBe('conflict');
    expect((await kit.engine.conflicts()).map((c) => c.kind)).toContain('unresolved');
    expect((await kit.engine.contacts.get(local!.id))?.company).toBe('Local');
  });

  it("reports a refused write with the server's user message and keeps the contact", async () => {
    const { engine, fake } = await engineKit({
      fake: { reject: (c) => (c.company === 'Forbidden' ? 'That company name is not allowed.' : null) },
    });
    const bad = await engine.contacts.create(person('Bad', { company: 'Forbidden' }));
    await engine.contacts.create(person('Good'));
    const report = await engine.sync();
    expect(report.outcome).toBe('partial');
    expect(report.rejected).toEqual([
      { contactId: bad.id, operation: 'create', code: 'invalid', userMessage: 'That company name is not allowed.' },
    ]);
    expect(report.pending).toBe(1);
    expect(fake.list().map((c) => c.contact.name.given)).toEqual(['Good']);
    expect(await engine.contacts.syncState(bad.id)).toBe('rejected');
    expect(await engine.pendingChanges()).toMatchObject([
      { contactId: bad.id, status: 'rejected', userMessage: 'That company name is not allowed.' },
    ]);
    // Not sent again by itself; an edit makes it ready again.
    await engine.sync();
    expect(fake.log.filter((l) => l.call === 'push')).toHaveLength(1);
    await engine.contacts.update(bad.id, { company: 'Fine' });
    expect((await engine.sync()).pushed.created).toBe(1);
  });

  it('keeps an edit made while the push was out and sends it next', async () => {
    let onPush: () => Promise<void> = async () => undefined;
    const kit = await engineKit({
      service: (fake) => ({
        traits: fake.traits,
        pull: (r) => fake.pull(r),
        push: async (r) => {
          await onPush();
          onPush = async () => undefined;
          return fake.push(r);
        },
      }),
    });
    const c = await kit.engine.contacts.create(person('Ann'));
    onPush = async () => {
      await kit.engine.contacts.update(c.id, { notes: 'typed during the push' });
    };
    const report = await kit.engine.sync();
    expect(report.pending).toBe(0);
    expect(kit.fake.list().map((x) => x.contact.notes)).toEqual(['typed during the push']);
    expect(kit.fake.list()).toHaveLength(1);
  });

  it('joins a second sync() call to the running one', async () => {
    const { engine, fake } = await engineKit();
    fake.remoteCreate(person('Ann'));
    const [a, b] = await Promise.all([engine.sync(), engine.sync()]);
    expect(a).toBe(b);
    expect(fake.log.filter((l) => l.call === 'pull')).toHaveLength(1);
  });

  it('reports status phases through the reducer', async () => {
    const { engine, fake } = await engineKit();
    fake.remoteCreate(person('Ann'));
    await engine.contacts.create(person('Ben'));
    const phases: string[] = [];
    engine.subscribe((s) => {
      if (phases.at(-1) !== s.phase) phases.push(s.phase);
    });
    await engine.sync();
    expect(phases).toEqual(['idle', 'pulling', 'pushing', 'merging', 'pushing', 'idle']);
    expect(engine.status).toMatchObject({ phase: 'idle', pending: 0, retryAt: null });
    expect(engine.status.lastSyncedAt).not.toBeNull();
  });
});
