import { describe, expect, it } from 'vitest';
import type { AutoSyncEnvironment } from './auto-sync.js';
import { engineKit, person, type FakeClock } from './engine-test-kit.js';

const WAIT_MS = 60_000;
/** The engine stretches a retry-after by up to 10% (at most 5 s) so clients told alike spread out. */
const BOUND_MS = 5_000;

/** Syncs every second of (real) time until a request leaves; returns when it left. */
async function firstRequestAfter(kit: Awaited<ReturnType<typeof setUp>>, engine = kit.engine): Promise<number> {
  const before = kit.sent.length;
  for (let s = 0; s < 3_600; s++) {
    const report = await engine.sync();
    if (kit.sent.length > before) return kit.sent[before]!;
    // While waiting, the promised retry is never further off than the server's wait allows.
    expect(report.outcome).toBe('waiting');
    expect(report.retryAt! - kit.clock.now()).toBeLessThanOrEqual(WAIT_MS + BOUND_MS);
    kit.clock.advance(1_000);
  }
  throw new Error('no request within an hour');
}

describe('server-imposed waits when the device clock changes', () => {
  for (const [what, jump] of [
    ['moved back two hours', -2 * 3_600_000],
    ['moved forward two hours', 2 * 3_600_000],
    ['unchanged', 0],
  ] as const) {
    it(`clock ${what} during the wait: no request before the wait ends, none much after`, async () => {
      const kit = await setUp();
      kit.clock.advance(10_000);
      kit.clock.jump(jump);
      const at = await firstRequestAfter(kit);
      expect(at - kit.toldAt).toBeGreaterThanOrEqual(WAIT_MS);
      expect(at - kit.toldAt).toBeLessThanOrEqual(WAIT_MS + BOUND_MS + 1_000);
      await kit.engine.close();
    });
  }

  it('clock moved back across a reload: re-anchored, so the wait ends at most its length after the reload', async () => {
    const kit = await setUp();
    await kit.engine.close();
    kit.clock.advance(10_000);
    kit.clock.jump(-2 * 3_600_000);
    const reloaded = await kit.reopen();
    const reloadedAt = kit.clock.monotonic();
    const at = await firstRequestAfter(kit, reloaded);
    expect(at - kit.toldAt).toBeGreaterThanOrEqual(WAIT_MS);
    // Not the two hours the clock moved: the time already waited before the reload is unknown, so
    // at worst the whole wait again.
    expect(at - reloadedAt).toBeLessThanOrEqual(WAIT_MS + BOUND_MS + 1_000);
    await reloaded.close();
  });

  it('clock moved forward across a reload cannot be detected: the documented limit (the server answers again)', async () => {
    const kit = await setUp();
    await kit.engine.close();
    kit.clock.jump(2 * 3_600_000);
    const reloaded = await kit.reopen();
    const at = await firstRequestAfter(kit, reloaded);
    expect(at - kit.toldAt).toBeLessThan(WAIT_MS);
    await reloaded.close();
  });
});

describe('startAutoSync({ interval })', () => {
  it('pulls periodically while visible, skips while hidden, and never before a server-imposed wait ends', async () => {
    const kit = await setUp();
    const timers: { run: () => void; at: number }[] = [];
    let visible = true;
    const env: AutoSyncEnvironment = {
      onOnline: () => () => undefined,
      onVisible: () => () => undefined,
      setTimer: (run, delayMs) => {
        const timer = { run, at: kit.clock.monotonic() + delayMs };
        timers.push(timer);
        return () => timers.splice(timers.indexOf(timer), 1);
      },
      isVisible: () => visible,
    };
    kit.engine.startAutoSync({ environment: env, interval: 5_000 });
    // The wait from setUp runs: the first timer is at its end, not at the interval.
    expect(timers).toHaveLength(1);
    expect(timers[0]!.at - kit.toldAt).toBeGreaterThanOrEqual(WAIT_MS);
    expect(timers[0]!.at - kit.toldAt).toBeLessThanOrEqual(WAIT_MS + BOUND_MS);
    const fire = async (): Promise<void> => {
      const timer = timers.shift()!;
      kit.clock.advance(Math.max(0, timer.at - kit.clock.monotonic()));
      timer.run();
      await until(() => timers.length > 0);
    };
    const before = kit.sent.length;
    await fire(); // the retry at the wait's end
    expect(kit.sent.length).toBeGreaterThan(before);
    expect(timers[0]!.at - kit.clock.monotonic()).toBe(5_000); // then every interval
    const afterRetry = kit.sent.length;
    visible = false;
    await fire(); // hidden: no request, look again later
    expect(kit.sent.length).toBe(afterRetry);
    visible = true;
    await fire();
    expect(kit.sent.length).toBeGreaterThan(afterRetry);
    kit.engine.stopAutoSync();
    expect(timers).toHaveLength(0);
    await kit.engine.close();
  });
});

async function setUp() {
  const sent: number[] = [];
  let clock: FakeClock | null = null;
  const kit = await engineKit({
    service: (fake) => ({
      traits: fake.traits,
      pull: (r) => (sent.push(clock!.monotonic()), fake.pull(r)),
      push: (r) => (sent.push(clock!.monotonic()), fake.push(r)),
    }),
  });
  clock = kit.clock;
  kit.fake.remoteCreate(person('Ann'));
  kit.fake.inject({ on: 'pull', times: 1, answer: { kind: 'retry-at', retryAfterMs: WAIT_MS, code: '503', userMessage: 'Busy.' } });
  const report = await kit.engine.sync();
  expect(report.outcome).toBe('waiting');
  return { ...kit, sent, toldAt: kit.clock.monotonic() };
}

/** Lets promise callbacks run until `condition` holds (no timers involved). */
async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 10_000 && !condition(); i++) await new Promise<void>((resolve) => setImmediate(resolve));
}
