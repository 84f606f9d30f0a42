import { describe, expect, it } from 'vitest';
import { IDBKeyRange } from 'fake-indexeddb';
import { engineKit, person } from './engine-test-kit.js';
import { openReplicaView } from '../replica/replica-view.js';

describe('openReplicaView', () => {
  it('reads what the engine wrote, with sync badges and the pending count', async () => {
    const { engine, idb, fake } = await engineKit();
    fake.remoteCreate(person('Synced'));
    await engine.sync();
    const local = await engine.contacts.create(person('Local'));
    const view = openReplicaView('test@fake', { indexedDB: idb, IDBKeyRange });
    const contacts = await view.contacts();
    expect(contacts.map((c) => `${c.name.given}:${c.syncState}`).sort()).toEqual(['Local:pending', 'Synced:synced']);
    expect(await view.pendingCount()).toBe(1);
    expect((await view.contact(local.id))?.name.given).toBe('Local');
    view.close();
  });
});
