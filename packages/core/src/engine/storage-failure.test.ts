import { afterEach, describe, expect, it } from 'vitest';
import { IDBObjectStore as FDBObjectStore } from 'fake-indexeddb';
import { SyncError } from '../errors.js';
import { engineKit, person } from './engine-test-kit.js';

/** Makes IndexedDB writes fail with QuotaExceededError after `allowed` more succeed. */
const original = { put: FDBObjectStore.prototype.put, add: FDBObjectStore.prototype.add };
function failWritesAfter(allowed: number): void {
  let left = allowed;
  const guard = <A extends unknown[], R>(write: (this: unknown, ...args: A) => R) =>
    function (this: unknown, ...args: A): R {
      if (left-- <= 0) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
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
    await expect(attempt).rejects.toMatchObject({ code: 'storage-failed' });
    restoreWrites();
    expect(await engine.contacts.list()).toEqual([]);
    expect(await engine.pendingChanges()).toEqual([]);
  });

  it('a pull that cannot be stored fails the sync with a typed error, keeps the outbox, and resumes', async () => {
    const { engine, fake } = await engineKit({ engine: { pullChunkSize: 2 } });
    for (let i = 0; i < 6; i++) fake.remoteCreate(person(`P${i}`));
    await engine.contacts.create(person('Mine'));
    failWritesAfter(3);
    const report = await engine.sync();
    expect(report).toMatchObject({ outcome: 'failed', error: { code: 'storage-failed' } });
    restoreWrites();
    expect(await engine.pendingChanges()).toMatchObject([{ kind: 'create', status: 'ready' }]);
    const after = await engine.sync();
    expect(after).toMatchObject({ outcome: 'ok', pending: 0 });
    expect((await engine.contacts.list()).length).toBe(7);
    expect(fake.list().length).toBe(7);
  });

  it('a push result that cannot be stored does not lead to a duplicate create', async () => {
    const { engine, fake, clock } = await engineKit();
    await engine.contacts.create(person('Ann'));
    await engine.sync(); // settle the cursor
    await engine.contacts.create(person('Ben'));
    failWritesAfter(1); // the intent mark is stored; applying the server's answer is not
    const report = await engine.sync();
    expect(report.error?.code).toBe('storage-failed');
    restoreWrites();
    clock.advance(60_000);
    await engine.sync();
    expect(fake.list().map((c) => c.contact.name.given).sort()).toEqual(['Ann', 'Ben']);
    expect(await engine.pendingChanges()).toEqual([]);
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
  });
});
