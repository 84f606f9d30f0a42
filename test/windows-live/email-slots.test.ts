import { createSyncEngine, toDraft, type SyncEngine } from '@contactsync/core';
import { seededRandom } from '@contactsync/core/testing';
import { windowsLive } from '@contactsync/adapters';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { scenario, type Scenario } from './kit.js';

let s: Scenario;
let other: SyncEngine | undefined;
afterEach(async () => {
  await other?.close();
  await s.close();
});

/** A second device on the same account: its own replica, the same emulator and clock. */
function secondDevice(): Promise<SyncEngine> {
  return createSyncEngine({
    databaseName: 'alice@live-2',
    service: windowsLive({ baseUrl: s.emulator.url, lid: s.emulator.lid, token: s.emulator.token }),
    indexedDB: new IDBFactory(),
    IDBKeyRange,
    now: s.clock.now,
    random: seededRandom(99),
  });
}

const personal = (address: string) => ({ type: 'personal' as const, address });

describe('two devices change the one Personal email of a contact (the slot Windows Live keeps)', () => {
  it('ends with one personal email on the server, nothing pending or refused, equal replicas, and the other value restorable', async () => {
    s = await scenario({ seed: [toDraft({ name: { given: 'Ann', family: 'Tester' }, emails: [personal('ann@old.example')] })] });
    other = await secondDevice();
    s.clock.advance(1000);
    await s.engine.sync();
    await other.sync();
    const [mine] = await s.engine.contacts.list();
    const [theirs] = await other.contacts.list();
    await other.contacts.update(theirs!.id, (d) => void (d.emails[0] = personal('ann@theirs.example')));
    await s.engine.contacts.update(mine!.id, (d) => void (d.emails[0] = personal('ann@mine.example')));

    expect(await other.sync()).toMatchObject({ outcome: 'ok', pending: 0 });
    s.clock.advance(2000);
    expect(await s.engine.sync()).toMatchObject({ outcome: 'ok', pending: 0, rejected: [] });
    s.clock.advance(2000);
    await other.sync();

    const server = s.emulator.control.list().map((e) => e.contact);
    expect(server).toHaveLength(1);
    expect(server[0]?.emails).toEqual([personal('ann@mine.example')]);
    for (const engine of [s.engine, other]) {
      expect(await engine.pendingChanges()).toEqual([]);
      expect((await engine.contacts.list()).map((c) => c.emails)).toEqual([[personal('ann@mine.example')]]);
    }
    const conflicts = await s.engine.conflicts();
    expect(conflicts).toMatchObject([
      {
        kind: 'overwritten',
        fields: [{ path: 'emails', localValue: personal('ann@mine.example'), remoteValue: personal('ann@theirs.example') }],
      },
    ]);

    await s.engine.resolveConflict(conflicts[0]!.id, 'use-remote');
    s.clock.advance(2000);
    expect(await s.engine.sync()).toMatchObject({ outcome: 'ok', pending: 0, rejected: [] });
    expect(s.emulator.control.list()[0]?.contact.emails).toEqual([personal('ann@theirs.example')]);
    s.clock.advance(2000);
    await other.sync();
    expect((await other.contacts.list())[0]?.emails).toEqual([personal('ann@theirs.example')]);
  });

  it('keeps a name prefix, which Windows Live has no element for, on the device through a remote edit', async () => {
    s = await scenario({ seed: [toDraft({ name: { given: 'Ann', family: 'Tester' } })] });
    s.clock.advance(1000);
    await s.engine.sync();
    const [ann] = await s.engine.contacts.list();
    await s.engine.contacts.update(ann!.id, (d) => void (d.name.prefix = 'Dr'));
    s.clock.advance(1000);
    expect(await s.engine.sync()).toMatchObject({ outcome: 'ok', pending: 0 });
    const remoteId = s.emulator.control.list()[0]!.remoteId;
    s.emulator.control.update(remoteId, { jobTitle: 'Surgeon' });
    s.clock.advance(2000);
    await s.engine.sync();
    expect(await s.engine.contacts.get(ann!.id)).toMatchObject({ jobTitle: 'Surgeon', name: { prefix: 'Dr' } });
    expect(await s.engine.contacts.deviceOnlyFields(ann!.id)).toEqual(['name.prefix']);
  });
});
