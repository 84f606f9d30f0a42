import { toDraft } from '@contactsync/core';
import { afterEach, describe, expect, it } from 'vitest';
import { scenario, type Scenario } from './kit.js';

let s: Scenario;
afterEach(async () => {
  await s.close();
});

const person = (given: string, notes = '') => toDraft({ name: { given, family: 'Tester' }, notes });

describe('offline edits', () => {
  it('keeps creates, updates and deletes made offline, and sends them when back online', async () => {
    s = await scenario({ seed: [person('Ann'), person('Ben')] });
    s.clock.advance(1000);
    await s.engine.sync();
    const local = await s.engine.contacts.list();
    s.network.online = false;
    await s.engine.contacts.update(local.find((c) => c.name.given === 'Ann')?.id ?? '', { company: 'ACME' });
    await s.engine.contacts.remove(local.find((c) => c.name.given === 'Ben')?.id ?? '');
    await s.engine.contacts.create(person('Cy'));
    const offline = await s.engine.sync();
    expect(offline).toMatchObject({ outcome: 'offline', pending: 3, error: { code: 'offline' } });

    s.network.online = true;
    s.clock.advance(1000);
    const online = await s.engine.sync();
    expect(online).toMatchObject({ outcome: 'ok', pushed: { created: 1, updated: 1, removed: 1 }, pending: 0 });
    const server = s.emulator.control.list().map((e) => e.contact);
    expect(server.map((c) => c.name.given).sort()).toEqual(['Ann', 'Cy']);
    expect(server.find((c) => c.name.given === 'Ann')?.company).toBe('ACME');
  });
});

describe('an edit on another device during our push (412)', () => {
  /** Sets up Ann, synced, and arranges for "another device" to edit her just before our first PUT. */
  async function racing(remote: Parameters<Scenario['emulator']['control']['update']>[1]): Promise<{ id: string; remoteId: string }> {
    s = await scenario({ seed: [person('Ann', 'original')] });
    const remoteId = s.emulator.control.list()[0]?.remoteId ?? '';
    s.clock.advance(1000);
    await s.engine.sync();
    const [ann] = await s.engine.contacts.list();
    let raced = false;
    s.network.beforeRequest = (method) => {
      if (method !== 'PUT' || raced) return;
      raced = true;
      s.emulator.control.update(remoteId, remote);
      s.clock.advance(1000);
    };
    s.emulator.control.clearLog();
    return { id: ann?.id ?? '', remoteId };
  }

  it('merges disjoint fields and ends with both edits on the server', async () => {
    const { id, remoteId } = await racing({ jobTitle: 'Remote title' });
    await s.engine.contacts.update(id, { company: 'Local company' });
    const report = await s.engine.sync();
    expect(report).toMatchObject({ outcome: 'ok', merged: 1, pending: 0 });
    // The company lives on a Business location of its own (revised contract), so it is a child POST after the guard PUT.
    expect(s.requests()).toEqual(['GET 304', 'PUT 412', 'GET 200', 'PUT 204', 'POST 201']);
    expect(s.emulator.control.get(remoteId)?.contact).toMatchObject({
      company: 'Local company',
      jobTitle: 'Remote title',
      notes: 'original',
    });
    expect(await s.engine.contacts.get(id)).toMatchObject({ company: 'Local company', jobTitle: 'Remote title' });
    expect(await s.engine.conflicts()).toEqual([]);
  });

  it('keeps the local value of a field both changed and logs the overwritten one', async () => {
    const { id, remoteId } = await racing({ notes: 'remote note' });
    await s.engine.contacts.update(id, { notes: 'local note' });
    const report = await s.engine.sync();
    expect(report).toMatchObject({ outcome: 'ok', merged: 1, pending: 0 });
    expect(s.emulator.control.get(remoteId)?.contact.notes).toBe('local note');
    const conflicts = await s.engine.conflicts();
    expect(conflicts).toMatchObject([
      { contactId: id, kind: 'overwritten', fields: [{ path: 'notes', localValue: 'local note', remoteValue: 'remote note' }] },
    ]);
  });
});
