import { afterEach, describe, expect, it } from 'vitest';
import { IDBObjectStore as FakeObjectStore } from 'fake-indexeddb';
import type { ContactService } from '../service/contact-service.js';
import { engineKit, person, type EngineKit } from './engine-test-kit.js';

/** A device with synced contacts, offline edits of every kind, and remote changes waiting. */
async function scenario(): Promise<EngineKit & { expected: string[] }> {
  const kit = await engineKit({ fake: { pageSize: 2, traits: { maxBatchSize: 2 } } });
  const remote = ['Ann', 'Ben', 'Cy', 'Dee'].map((n) => kit.fake.remoteCreate(person(n)));
  await kit.engine.sync();
  const local = await kit.engine.contacts.list();
  const byName = (n: string) => local.find((c) => c.name.given === n)!.id;
  await kit.engine.contacts.update(byName('Ann'), { company: 'Local' });
  await kit.engine.contacts.remove(byName('Ben'));
  for (const n of ['Eve', 'Fay', 'Gus']) await kit.engine.contacts.create(person(n));
  kit.fake.remoteUpdate(remote[2]!, { notes: 'remote' });
  kit.fake.remoteCreate(person('Hal'));
  return { ...kit, expected: ['Ann:Local:', 'Cy::remote', 'Dee::', 'Eve::', 'Fay::', 'Gus::', 'Hal::'] };
}

const serverView = (kit: EngineKit) =>
  kit.fake
    .list()
    .map((c) => `${c.contact.name.given}:${c.contact.company}:${c.contact.notes}`)
    .sort();

/**
 * The k-th request never answers: the app was killed while it was out, either before it reached
 * the server or after the server committed it. `hung` settles when that request has begun, so
 * the test waits for the event itself, not for a length of time.
 */
function crashingAt(kit: EngineKit, k: number, committed: boolean): { service: ContactService; hung: Promise<void> } {
  let calls = 0;
  let reached = (): void => undefined;
  const hung = new Promise<void>((resolve) => {
    reached = resolve;
  });
  const hang = <T>(work: () => Promise<T>): Promise<T> => {
    calls++;
    if (calls !== k) return work();
    reached();
    if (committed) void work();
    return new Promise<T>(() => undefined);
  };
  return {
    service: {
      traits: kit.fake.traits,
      pull: (r) => hang(() => kit.fake.pull(r)),
      push: (r) => hang(() => kit.fake.push(r)),
    },
    hung,
  };
}

describe('crash at every request of a sync, then reopen', () => {
  for (const committed of [false, true]) {
    for (let k = 1; k <= 7; k++) {
      it(`request ${k}, ${committed ? 'after the server committed' : 'before it was sent'}`, async () => {
        const kit = await scenario();
        await kit.engine.close();
        const crashing = crashingAt(kit, k, committed);
        const doomed = await kit.reopen(crashing.service);
        const running = doomed.sync();
        // The k-th request is out (or the sync ended in fewer requests): the app dies here.
        await Promise.race([crashing.hung, running]);
        const revived = await kit.reopen();
        try {
          for (let i = 0; i < 3; i++) {
            kit.clock.advance(3_600_000);
            await revived.sync();
          }
          expect(serverView(kit)).toEqual(kit.expected);
          const replica = (await revived.contacts.list()).map((c) => `${c.name.given}:${c.company}:${c.notes}`).sort();
          expect(replica).toEqual(kit.expected);
          expect(await revived.pendingChanges()).toEqual([]);
        } finally {
          // A killed app writes nothing more; here the doomed engine is closed only after the
          // checks, and its abandoned request then ends in a failure that changes nothing.
          await doomed.close();
          await revived.close();
        }
      });
    }
  }
});

/** Counts IndexedDB writes; from the `failAt`-th on, each throws, aborting its transaction. */
const original = { put: FakeObjectStore.prototype.put, add: FakeObjectStore.prototype.add, delete: FakeObjectStore.prototype.delete };
function countWrites(failAt: number | null): () => number {
  let writes = 0;
  const guard = <A extends unknown[], R>(write: (this: unknown, ...args: A) => R) =>
    function (this: unknown, ...args: A): R {
      writes++;
      if (failAt !== null && writes >= failAt) throw new DOMException('The transaction was aborted.', 'AbortError');
      return write.apply(this, args);
    };
  FakeObjectStore.prototype.put = guard(original.put);
  FakeObjectStore.prototype.add = guard(original.add);
  FakeObjectStore.prototype.delete = guard(original.delete);
  return () => writes;
}
function restoreWrites(): void {
  Object.assign(FakeObjectStore.prototype, original);
}

describe('a sync abandoned in the middle of any of its IndexedDB transactions, then reopened', () => {
  afterEach(restoreWrites);

  it('ends with every write on the server exactly once, for every transaction it could die in', async () => {
    const probe = await scenario();
    const count = countWrites(null);
    await probe.engine.sync();
    const writes = count();
    restoreWrites();
    await probe.engine.close();
    expect(serverView(probe)).toEqual(probe.expected);
    expect(writes).toBeGreaterThan(10);
    process.stdout.write(`[crash points] ${writes} IndexedDB writes in one sync\n`);

    for (let failAt = 1; failAt <= writes; failAt++) {
      const kit = await scenario();
      countWrites(failAt);
      const report = await kit.engine.sync();
      restoreWrites();
      expect(['failed', 'waiting', 'ok', 'partial'], `write ${failAt}`).toContain(report.outcome);
      await kit.engine.close();
      const revived = await kit.reopen();
      for (let i = 0; i < 3; i++) {
        kit.clock.advance(3_600_000);
        // A full disk pauses syncing until the app says space was freed: the app says so here.
        await revived.sync({ storageFreed: true });
      }
      const pending = await revived.pendingChanges();
      await revived.close();
      expect(serverView(kit), `write ${failAt}`).toEqual(kit.expected);
      expect(pending, `write ${failAt}`).toEqual([]);
    }
  }, 120_000);
});
