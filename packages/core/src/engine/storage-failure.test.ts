import { afterEach, describe, expect, it } from 'vitest';
import { IDBObjectStore as FDBObjectStore } from 'fake-indexeddb';
import { SyncError } from '../errors.js';
import { engineKit, person } from './engine-test-kit.js';

/** Makes IndexedDB writes fail (QuotaExceededError unless told otherwise) after `allowed` more succeed. */
const original = { put: FDBObjectStore.prototype.put, add: FDBObjectStore.prototype.add };
function failWritesAfter(allowed: number, name = 'QuotaExceededError'): void {
  let left = allowed;
  const guard = <A extends unknown[], R>(write: (this: unknown, ...args: A) => R) =>
    function (this: unknown, ...args: A): R {
      if (left-- <= 0) throw new DOMException('The write failed.', name);
      return write.apply(this, args);
    };
  FDBObjectStore.prototype.put = guard(original.put);
  FDBObjectStore.prototype.add = guard(original.add);
}
function restoreWrites(): void {
  FDBObjectStore.prototype.put = original.put;
  FDBObjectStore.prototype.add = original.add;
}
afterEach(restoreWrites);

describe('storage failures', () => {
  it('a local write that cannot be stored throws a typed error and leaves nothing half-written', async () => {
    const { engine } = await engineKit();
    failWritesAfter(1); // the contact row gets in, its outbox entry does not: both must roll back
    const attempt = engine.contacts.create(person('Ann'));
    await expect(attempt).rejects.toBeInstanceOf(SyncError);
    await expect(attempt).rejects.toMatchObject({ code: 'storage-full' });
    restoreWrites();
    expect(await engine.contacts.list()).toEqual([]);
    expect(await engine.pendingChanges()).toEqual([]);
    await engine.close();
  });

  it('a full disk during a download: storage-full, counts of what was stored, no new download until the app asks', async () => {
    const { engine, fake } = await engineKit({ engine: { pullChunkSize: 2 } });
    for (let i = 0; i < 6; i++) fake.remoteCreate(person(`P${i}`));
    await engine.contacts.create(person('Mine'));
    failWritesAfter(3); // the first chunk of two contacts commits; the second does not
    const report = await engine.sync();
    restoreWrites();
    const stored = (await engine.contacts.list()).length - 1;
    expect(report).toMatchObject({ outcome: 'storage-full', error: { code: 'storage-full' } });
    expect(report.pulled.added).toBe(stored);
    expect(stored).toBe(2);
    expect(report.error?.userMessage).toContain('2 changes from the server were saved');
    expect(report.error?.userMessage).toContain('Free up space');
    expect(report.error?.userMessage).not.toContain('Nothing was changed');
    expect(await engine.pendingChanges()).toMatchObject([{ kind: 'create', status: 'ready' }]);

    // Syncs (auto-sync's too) do not start the same download again: no request at all.
    const requests = fake.log.length;
    const paused = await engine.sync();
    expect(paused).toMatchObject({ outcome: 'storage-full', pulled: { added: 0 }, error: { code: 'storage-full' } });
    expect(fake.log.length).toBe(requests);

    // The app says space was freed: the download runs again and completes.
    const after = await engine.sync({ storageFreed: true });
    expect(after).toMatchObject({ outcome: 'ok', pending: 0 });
    expect((await engine.contacts.list()).length).toBe(7);
    expect(fake.list().length).toBe(7);
    await engine.close();
  });

  it('a storage failure that is not a full disk reports what was stored and needs no permission to resume', async () => {
    const { engine, fake } = await engineKit({ engine: { pullChunkSize: 2 } });
    for (let i = 0; i < 6; i++) fake.remoteCreate(person(`P${i}`));
    failWritesAfter(0, 'UnknownError');
    const nothing = await engine.sync();
    restoreWrites();
    expect(nothing).toMatchObject({ outcome: 'failed', pulled: { added: 0 }, error: { code: 'storage-failed' } });
    expect(nothing.error?.userMessage).toContain('Nothing was changed');
    const after = await engine.sync();
    expect(after).toMatchObject({ outcome: 'ok', pulled: { added: 6 } });
    await engine.close();
  });

  it('a push result that cannot be stored does not lead to a duplicate create, nor claims a create it did not store', async () => {
    const { engine, fake, clock } = await engineKit();
    await engine.contacts.create(person('Ann'));
    await engine.sync(); // settle the cursor
    await engine.contacts.create(person('Ben'));
    failWritesAfter(1); // the claim and intent mark are stored; applying the server's answer is not
    const report = await engine.sync();
    expect(report.error?.code).toBe('storage-full');
    expect(report.pushed.created).toBe(0);
    restoreWrites();
    clock.advance(60_000);
    await engine.sync({ storageFreed: true });
    expect(
      fake
        .list()
        .map((c) => c.contact.name.given)
        .sort(),
    ).toEqual(['Ann', 'Ben']);
    expect(await engine.pendingChanges()).toEqual([]);
    await engine.close();
  });
});

describe('bugs are not storage failures', () => {
  it('an adapter that throws (a bug, not a server answer) rejects sync() instead of being reported', async () => {
    const { engine } = await engineKit({
      service: (fake) => ({
        traits: fake.traits,
        pull: () => Promise.reject(new TypeError('adapter bug')),
        push: (r) => fake.push(r),
      }),
    });
    await expect(engine.sync()).rejects.toThrow('adapter bug');
    await engine.close();
  });
});
