import { describe, expect, it } from 'vitest';
import type { RequestFailure } from '../policy/outcome.js';
import type { AutoSyncEnvironment } from './auto-sync.js';
import { engineKit, person } from './engine-test-kit.js';

const retryAfter = (seconds: number): RequestFailure => ({
  kind: 'retry-at',
  retryAfterMs: seconds * 1000,
  code: '503',
  userMessage: 'The service is busy.',
  debugMessage: 'internal: shard 7 overloaded',
});
const failed: RequestFailure = {
  kind: 'failed',
  code: '500',
  userMessage: 'The service failed.',
  debugMessage: 'NullReferenceException at Foo',
  maybeCommitted: false,
};

describe('retries', () => {
  it('waits out a Retry-After: reports waiting, sends nothing before it, lands the writes after', async () => {
    const { engine, fake, clock } = await engineKit();
    await engine.contacts.create(person('Ann'));
    fake.inject({ on: 'push', times: 1, answer: retryAfter(120) });
    const start = clock.now();
    const report = await engine.sync();
    expect(report.outcome).toBe('waiting');
    expect(report.retryAt).toBeGreaterThanOrEqual(start + 120_000);
    expect(report.pending).toBe(1);
    expect(report.error).toEqual({ code: '503', userMessage: 'The service is busy.' });
    expect(engine.status).toMatchObject({ phase: 'waiting', retryAt: report.retryAt });
    const requests = fake.log.length;
    clock.advance(119_000);
    expect((await engine.sync()).outcome).toBe('waiting');
    expect(fake.log).toHaveLength(requests);
    clock.advance((report.retryAt as number) - clock.now());
    const after = await engine.sync();
    expect(after).toMatchObject({ outcome: 'ok', pending: 0, retryAt: null });
    expect(fake.list()).toHaveLength(1);
  });

  it('still obeys a Retry-After after the app is reopened', async () => {
    const kit = await engineKit();
    await kit.engine.contacts.create(person('Ann'));
    kit.fake.inject({ on: 'pull', times: 1, answer: retryAfter(600) });
    await kit.engine.sync();
    await kit.engine.close();
    const reopened = await kit.reopen();
    const requests = kit.fake.log.length;
    expect((await reopened.sync()).outcome).toBe('waiting');
    expect(kit.fake.log).toHaveLength(requests);
  });

  it('never retries by itself without a retry-after when the service forbids it', async () => {
    const { engine, fake } = await engineKit({ fake: { traits: { retryMode: 'retry-after-only' } } });
    await engine.contacts.create(person('Ann'));
    fake.inject({ on: 'push', times: 1, answer: failed });
    const report = await engine.sync();
    expect(report).toMatchObject({
      outcome: 'failed',
      retryAt: null,
      pending: 1,
      error: { code: '500', userMessage: 'The service failed.' },
    });
    expect(JSON.stringify(report)).not.toContain('NullReferenceException');
    const next = await engine.sync();
    expect(next).toMatchObject({ outcome: 'ok', pending: 0 });
  });

  it('backs off exponentially after failures and gives up after a bounded number of attempts', async () => {
    const { engine, fake, clock } = await engineKit();
    await engine.contacts.create(person('Ann'));
    fake.inject({ on: 'any', times: 100, answer: failed });
    const delays: number[] = [];
    let report = await engine.sync();
    while (report.retryAt !== null && delays.length < 20) {
      delays.push(report.retryAt - clock.now());
      clock.advance(report.retryAt - clock.now());
      report = await engine.sync();
    }
    expect(report.outcome).toBe('failed');
    expect(delays).toHaveLength(5);
    for (let i = 1; i < delays.length; i++) expect(delays[i]).toBeGreaterThan(delays[i - 1]! * 0.9);
    expect(fake.log).toHaveLength(6);
    expect(report.pending).toBe(1);
  });

  it('does not duplicate a create whose response was lost: the next pull finds it and adopts it', async () => {
    const { engine, fake, clock } = await engineKit();
    const c = await engine.contacts.create(person('Ann', { emails: [{ address: 'ann@example.org' }] }));
    fake.inject({ on: 'push', times: 1, answer: 'lost' });
    const first = await engine.sync();
    expect(first.outcome).toBe('waiting');
    expect(await engine.pendingChanges()).toMatchObject([{ status: 'ambiguous' }]);
    clock.advance((first.retryAt as number) - clock.now());
    const second = await engine.sync();
    expect(second).toMatchObject({ outcome: 'ok', pending: 0 });
    expect(fake.list()).toHaveLength(1);
    expect(await engine.contacts.list()).toHaveLength(1);
    expect(await engine.contacts.syncState(c.id)).toBe('synced');
  });

  it('adopts a lost create that another device edited before this one pulled, keeping both edits', async () => {
    const kit = await engineKit();
    const other = await engineKit({ service: () => kit.fake });
    const c = await kit.engine.contacts.create(person('Ann'));
    kit.fake.inject({ on: 'push', times: 1, answer: 'lost' });
    await kit.engine.sync();
    await other.engine.sync();
    const [copy] = await other.engine.contacts.list();
    await other.engine.contacts.update(copy!.id, { company: 'Edited elsewhere' });
    await other.engine.sync();
    await kit.engine.contacts.update(c.id, { notes: 'edited here' });
    kit.clock.advance(3_600_000);
    await kit.engine.sync();
    expect(kit.fake.list().map((x) => `${x.contact.company}|${x.contact.notes}`)).toEqual(['Edited elsewhere|edited here']);
  });

  it('tells apart two lost creates with the same name', async () => {
    const { engine, fake, clock } = await engineKit();
    await engine.contacts.create(person('Ann', { nickname: 'one' }));
    await engine.contacts.create(person('Ann', { nickname: 'two' }));
    fake.inject({ on: 'push', times: 1, answer: 'lost' });
    await engine.sync();
    clock.advance(3_600_000);
    const report = await engine.sync();
    expect(report.pending).toBe(0);
    expect(
      fake
        .list()
        .map((x) => x.contact.nickname)
        .sort(),
    ).toEqual(['one', 'two']);
  });

  it('sends an ambiguous create again when the pull shows it never arrived', async () => {
    const { engine, fake } = await engineKit();
    await engine.contacts.create(person('Ann'));
    fake.inject({ on: 'push', times: 1, answer: { kind: 'failed', code: 'reset', userMessage: 'Connection lost.', maybeCommitted: true } });
    await engine.sync();
    expect(fake.list()).toHaveLength(0);
    const report = await engine.sync();
    expect(report.pushed.created).toBe(1);
    expect(fake.list()).toHaveLength(1);
  });

  it('stops at an auth failure without looping or scheduling a retry', async () => {
    const { engine, fake } = await engineKit();
    await engine.contacts.create(person('Ann'));
    fake.inject({ on: 'any', times: 10, answer: { kind: 'auth-required', code: '401', userMessage: 'Sign in again.' } });
    const report = await engine.sync();
    expect(report).toMatchObject({ outcome: 'auth-required', retryAt: null, pending: 1 });
    expect(fake.log).toHaveLength(1);
    expect(engine.status.phase).toBe('auth-required');
  });

  it('reports offline and keeps the writes', async () => {
    const { engine, fake } = await engineKit();
    await engine.contacts.create(person('Ann'));
    fake.inject({ on: 'any', times: 1, answer: { kind: 'offline' } });
    const report = await engine.sync();
    expect(report).toMatchObject({ outcome: 'offline', retryAt: null, pending: 1 });
    expect(engine.status.phase).toBe('offline');
  });

  it('auto-sync runs on reconnect, on becoming visible and at retryAt, and detaches', async () => {
    const { engine, fake, clock } = await engineKit();
    const listeners: Record<string, () => void> = {};
    const timers: { callback: () => void; delayMs: number; cancelled: boolean }[] = [];
    const env: AutoSyncEnvironment = {
      onOnline: (l) => ((listeners.online = l), () => delete listeners.online),
      onVisible: (l) => ((listeners.visible = l), () => delete listeners.visible),
      setTimer: (callback, delayMs) => {
        const timer = { callback, delayMs, cancelled: false };
        timers.push(timer);
        return () => {
          timer.cancelled = true;
        };
      },
    };
    engine.startAutoSync(env);
    await engine.contacts.create(person('Ann'));
    fake.inject({ on: 'push', times: 1, answer: retryAfter(30) });
    listeners.online?.();
    await vi_waitFor(() => timers.length === 1);
    expect(timers[0]!.delayMs).toBeGreaterThanOrEqual(30_000);
    clock.advance(timers[0]!.delayMs); // The timer fires when its delay has passed.
    timers[0]!.callback();
    await vi_waitFor(() => fake.list().length === 1);
    listeners.visible?.();
    await vi_waitFor(() => fake.log.length >= 4);
    engine.stopAutoSync();
    expect(listeners).toEqual({});
  });
});

async function vi_waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  expect(condition()).toBe(true);
}
