import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PushOutcome, PushRequest } from '../service/contact-service.js';
import { engineKit, person } from './engine-test-kit.js';
import { MemoryLocks } from './memory-locks.js';

/** A push that never answers and ignores its AbortSignal (the worst adapter), once. */
function hangOnce() {
  const seen: AbortSignal[] = [];
  let hung = (): void => undefined;
  const out = new Promise<void>((resolve) => {
    hung = resolve;
  });
  let armed = true;
  return {
    seen,
    out,
    wrap: (push: (r: PushRequest) => Promise<PushOutcome>) => (r: PushRequest) => {
      if (!armed) return push(r);
      armed = false;
      if (r.signal) seen.push(r.signal);
      hung();
      return new Promise<PushOutcome>(() => undefined);
    },
  };
}

describe('request timeouts', () => {
  it('a push that never answers: sync reports a timeout, the signal fired, the create stays pending and later lands once', async () => {
    const hang = hangOnce();
    const kit = await engineKit({
      engine: { requestTimeoutMs: 50 },
      service: (fake) => ({ traits: fake.traits, pull: (r) => fake.pull(r), push: hang.wrap((r) => fake.push(r)) }),
    });
    await kit.engine.contacts.create(person('Ann'));
    const report = await kit.engine.sync();
    expect(report).toMatchObject({ outcome: 'waiting', error: { code: 'timeout' }, pushed: { created: 0 }, pending: 1 });
    expect(report.error?.userMessage).not.toMatch(/ms/);
    expect(hang.seen[0]?.aborted).toBe(true);
    expect((hang.seen[0]?.reason as DOMException).name).toBe('TimeoutError');
    // Possibly applied: the next sync looks for it on the server before sending it again.
    expect(await kit.engine.pendingChanges()).toMatchObject([{ kind: 'create', status: 'ambiguous' }]);
    kit.clock.advance(3_600_000);
    expect(await kit.engine.sync()).toMatchObject({ outcome: 'ok', pushed: { created: 1 }, pending: 0 });
    expect(kit.fake.list().map((c) => c.contact.name.given)).toEqual(['Ann']);
    await kit.engine.close();
  });

  it('close() during a hung request resolves, ends the sync, and frees the lock for another engine', async () => {
    const hang = hangOnce();
    const locks = new MemoryLocks();
    const kit = await engineKit({
      engine: { locks, requestTimeoutMs: 600_000 }, // only close() can end this request
      service: (fake) => ({ traits: fake.traits, pull: (r) => fake.pull(r), push: hang.wrap((r) => fake.push(r)) }),
    });
    await kit.engine.contacts.create(person('Ann'));
    const hungSync = kit.engine.sync();
    await hang.out;
    const other = await kit.reopen(kit.fake);
    const waiting = other.sync(); // queued behind the hung engine's lock
    expect(locks.held.size).toBe(1);
    await kit.engine.close();
    expect(await hungSync).toMatchObject({ outcome: 'failed', error: { code: 'closed' } });
    expect(hang.seen[0]?.aborted).toBe(true);
    // The lock passed to the other engine, which lands the write exactly once.
    kit.clock.advance(3_600_000);
    await waiting;
    await other.sync();
    expect(kit.fake.list().map((c) => c.contact.name.given)).toEqual(['Ann']);
    expect(await other.pendingChanges()).toEqual([]);
    await expect(kit.engine.sync()).rejects.toMatchObject({ code: 'closed' });
    await other.close();
    expect(locks.held.size).toBe(0);
  });
});

describe('whole-book pulls', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('get snapshotTimeoutMs instead of requestTimeoutMs (a large book is one long answer); later pulls the short one', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] }); // only the engine's timers: IndexedDB runs as usual
    const signals: AbortSignal[] = [];
    let answer = (): void => undefined;
    const kit = await engineKit({
      engine: { requestTimeoutMs: 1_000, snapshotTimeoutMs: 60_000 },
      service: (fake) => ({
        traits: fake.traits,
        push: (r) => fake.push(r),
        pull: (r) => {
          if (r.signal) signals.push(r.signal);
          return new Promise((resolve) => {
            answer = () => resolve(fake.pull(r));
          });
        },
      }),
    });
    kit.fake.remoteCreate(person('Ann'));
    const initial = kit.engine.sync();
    await until(() => signals.length === 1);
    vi.advanceTimersByTime(30_000); // far past the per-request timeout
    expect(signals[0]!.aborted).toBe(false);
    answer();
    expect(await initial).toMatchObject({ outcome: 'ok', pulled: { added: 1 } });

    const delta = kit.engine.sync();
    await until(() => signals.length === 2);
    vi.advanceTimersByTime(1_000);
    expect(signals[1]!.aborted).toBe(true);
    expect(await delta).toMatchObject({ error: { code: 'timeout' } });
    await kit.engine.close();
  });
});

/** Lets promise and IndexedDB callbacks run until `condition` holds. */
async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 100_000 && !condition(); i++) await new Promise<void>((resolve) => setImmediate(resolve));
}
