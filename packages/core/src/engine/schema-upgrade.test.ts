import { describe, expect, it } from 'vitest';
import { Dexie } from 'dexie';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { FakeContactService } from '../service/fake-service.js';
import { createSyncEngine } from './create-sync-engine.js';
import { FakeClock, person, seededRandom } from './engine-test-kit.js';

describe('schema version 2', () => {
  it('upgrades a version-1 database: its outbox is kept and sent, its absolute wait becomes start + duration', async () => {
    const idb = new IDBFactory();
    const clock = new FakeClock();
    const v1 = new Dexie('upgrade@fake', { indexedDB: idb, IDBKeyRange });
    v1.version(1).stores({
      contacts: 'id, remoteId',
      outbox: 'contactId',
      categoryOps: '++id',
      conflicts: '++id, contactId',
      syncState: 'key',
    });
    await v1.open();
    await v1.table('contacts').put({ ...person('Ann'), id: 'local-1', updatedAt: clock.now(), state: 'pending' });
    await v1.table('outbox').put({ contactId: 'local-1', kind: 'create', base: null, seq: 1, status: 'ready', enqueuedAt: clock.now() });
    await v1
      .table('syncState')
      .put({ key: 'state', cursor: null, failures: 1, retryAt: clock.now() + 60_000, notBefore: clock.now() + 60_000, lastSyncedAt: null });
    v1.close();

    const fake = new FakeContactService();
    const engine = await createSyncEngine({
      databaseName: 'upgrade@fake',
      service: fake,
      indexedDB: idb,
      IDBKeyRange,
      now: clock.now,
      monotonicNow: clock.monotonic,
      random: seededRandom(1),
    });
    const waiting = await engine.sync();
    expect(waiting.outcome).toBe('waiting');
    expect(waiting.retryAt).toBe(clock.now() + 60_000);
    expect(fake.log).toHaveLength(0);
    clock.advance(60_000);
    expect(await engine.sync()).toMatchObject({ outcome: 'ok', pushed: { created: 1 }, pending: 0 });
    expect(fake.list().map((c) => c.contact.name.given)).toEqual(['Ann']);
    await engine.close();
  });
});
