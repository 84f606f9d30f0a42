import { toDraft, type SyncReport } from '@contactsync/core';
import { afterEach, describe, expect, it } from 'vitest';
import { scenario, type Scenario } from './kit.js';

let s: Scenario;
afterEach(async () => {
  await s.close();
});

const ann = toDraft({ name: { given: 'Ann', family: 'Tester' } });

async function syncedWithPendingCreate(): Promise<void> {
  s = await scenario();
  await s.engine.sync();
  await s.engine.contacts.create(ann);
  s.emulator.control.clearLog();
}

describe('503 with Retry-After', () => {
  it('waits at least the server’s time, sends nothing before it, keeps the write pending, then lands it', async () => {
    await syncedWithPendingCreate();
    s.emulator.control.failNext({ status: 503, retryAfter: 120, method: 'POST' });
    const started = s.clock.now();
    const first = await s.engine.sync();
    expect(first).toMatchObject({ outcome: 'waiting', pending: 1, error: { code: 'wl.unavailable' } });
    const retryAt = first.retryAt ?? 0;
    expect(retryAt).toBeGreaterThanOrEqual(started + 120_000);
    expect(s.engine.status.retryAt).toBe(retryAt);
    expect(s.requests()).toEqual(['GET 304', 'POST 503']);

    s.emulator.control.clearLog();
    s.clock.advance(60_000);
    expect(await s.engine.sync()).toMatchObject({ outcome: 'waiting', retryAt, pending: 1 });
    s.clock.set(retryAt - 1);
    expect((await s.engine.sync()).outcome).toBe('waiting');
    expect(s.requests()).toEqual([]);

    s.clock.set(retryAt);
    const last = await s.engine.sync();
    expect(last).toMatchObject({ outcome: 'ok', pushed: { created: 1 }, pending: 0, retryAt: null });
    expect(s.emulator.control.log().every((e) => e.time >= retryAt)).toBe(true);
    expect(s.emulator.control.list().map((e) => e.contact.name.given)).toEqual(['Ann']);
  });
});

describe('504 without Retry-After', () => {
  /** Syncs until the engine stops scheduling retries; returns every report. */
  async function untilGivenUp(status: number): Promise<SyncReport[]> {
    await syncedWithPendingCreate();
    s.emulator.control.failNext({ status, method: 'POST', count: 1000 });
    const reports: SyncReport[] = [];
    for (let i = 0; i < 20; i++) {
      const report = await s.engine.sync();
      reports.push(report);
      if (report.retryAt === null) break;
      s.clock.set(report.retryAt);
    }
    return reports;
  }

  it('backs off exactly like 500, within a bounded number of attempts', async () => {
    const after504 = await untilGivenUp(504);
    const posts504 = s.requests().filter((r) => r.startsWith('POST')).length;
    const delays504 = after504.map((r) => (r.retryAt === null ? null : r.retryAt - r.finishedAt));
    await s.close();
    const after500 = await untilGivenUp(500);
    const delays500 = after500.map((r) => (r.retryAt === null ? null : r.retryAt - r.finishedAt));

    expect(after504.length).toBeLessThanOrEqual(6);
    expect(after504.at(-1)).toMatchObject({ outcome: 'failed', retryAt: null, pending: 1, error: { code: 'wl.contacts-unavailable' } });
    expect(after504.slice(0, -1).every((r) => r.outcome === 'waiting')).toBe(true);
    expect(posts504).toBe(after504.length);
    expect(delays504).toEqual(delays500);
    const waits = delays504.filter((d): d is number => d !== null);
    expect(waits.every((d, i) => i === 0 || d >= (waits[i - 1] ?? 0) / 2)).toBe(true);
  });
});

describe('lost response to a POST', () => {
  it('ends with exactly one contact on the server after the next sync', async () => {
    await syncedWithPendingCreate();
    s.emulator.control.loseNextResponse({ match: { method: 'POST' } });
    const first = await s.engine.sync();
    expect(first.outcome).toBe('waiting');
    expect(s.emulator.control.list()).toHaveLength(1); // committed, answer lost
    s.clock.set(first.retryAt ?? s.clock.now());
    s.emulator.control.clearLog();
    const second = await s.engine.sync();
    expect(second).toMatchObject({ outcome: 'ok', pending: 0 });
    expect(s.requests()).toEqual(['GET 200']); // a whole book, and no second POST
    expect(s.emulator.control.list()).toHaveLength(1);
    expect(await s.engine.contacts.list()).toHaveLength(1);
    s.clock.advance(2000);
    await s.engine.sync();
    expect(s.emulator.control.list()).toHaveLength(1);
    expect(await s.engine.contacts.list()).toHaveLength(1);
  });
});

describe('401', () => {
  it('reports auth-required with no retry scheduled, after one request', async () => {
    await syncedWithPendingCreate();
    s.emulator.control.revokeToken(s.emulator.token);
    const report = await s.engine.sync();
    expect(report).toMatchObject({ outcome: 'auth-required', retryAt: null, pending: 1, error: { code: 'wl.unauthorized' } });
    expect(report.error?.userMessage).toMatch(/sign in again/);
    expect(s.requests()).toEqual(['GET 401']);
    expect(s.engine.status.phase).toBe('auth-required');
  });
});

describe('409 duplicate email type', () => {
  it('is rejected with a user-facing message and the local contact is kept', async () => {
    s = await scenario();
    await s.engine.sync();
    const local = await s.engine.contacts.create(ann);
    await s.engine.sync(); // created on the server in this second
    const remoteId = s.emulator.control.list()[0]?.remoteId ?? '';
    // Another device adds a personal email within the same second: no If-Unmodified-Since can see it (§1.5).
    s.emulator.control.update(remoteId, { emails: [{ type: 'personal', address: 'ann@other-device.example' }] });
    await s.engine.contacts.update(local.id, { emails: [{ type: 'personal', address: 'ann@here.example' }] });
    s.emulator.control.clearLog();
    const report = await s.engine.sync();
    expect(s.requests()).toContain('POST 409');
    expect(report.outcome).toBe('partial');
    expect(report.rejected).toMatchObject([{ contactId: local.id, operation: 'update', code: 'wl.duplicate-email-type' }]);
    expect(report.rejected[0]?.userMessage).toContain('one email address of each type');
    expect(await s.engine.contacts.get(local.id)).toMatchObject({ emails: [{ type: 'personal', address: 'ann@here.example' }] });
    expect(await s.engine.contacts.syncState(local.id)).toBe('rejected');
  });
});
