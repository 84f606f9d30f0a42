import { toDraft } from '@contactsync/core';
import { afterEach, describe, expect, it } from 'vitest';
import { graphScenario, type GraphScenario } from './graph-kit.js';

let s: GraphScenario;
afterEach(async () => {
  await s.close();
});

const ann = toDraft({ name: { given: 'Ann', family: 'Tester' }, emails: [{ address: 'ann@example.org' }] });

describe('412 on a stale If-Match', () => {
  it('reads the contact as it is now, merges both edits and resubmits', async () => {
    s = await graphScenario({ seed: [ann] });
    await s.engine.sync();
    const [local] = await s.engine.contacts.list();
    const [remote] = s.emulator.control.list();
    await s.engine.contacts.update(local?.id as string, { company: 'ACME' });
    let edited = false;
    s.network.beforeRequest = (method, url) => {
      // Another device edits the contact just before our PATCH goes out.
      if (!edited && method === 'POST' && url.endsWith('/$batch')) {
        edited = true;
        s.emulator.control.update(remote?.remoteId as string, { notes: 'from the phone' });
      }
    };
    const report = await s.engine.sync();
    expect(report).toMatchObject({ outcome: 'ok', merged: 1, pending: 0 });
    expect(
      s.emulator.control
        .log()
        .filter((e) => e.inBatch && e.method === 'PATCH')
        .map((e) => e.status),
    ).toEqual([412, 200]);
    expect(s.emulator.control.get(remote?.remoteId as string)?.contact).toMatchObject({ company: 'ACME', notes: 'from the phone' });
    expect(await s.engine.contacts.get(local?.id as string)).toMatchObject({ company: 'ACME', notes: 'from the phone' });
  });
});

describe('a create whose answer was lost', () => {
  it('is found by its extended property with one $filter query: exactly one contact on the server', async () => {
    s = await graphScenario();
    await s.engine.sync();
    const created = await s.engine.contacts.create(ann);
    s.emulator.control.clearLog();
    s.emulator.control.loseNextResponse({ match: { method: 'POST', path: '/\\$batch$' } });
    const report = await s.engine.sync();
    expect(report).toMatchObject({ outcome: 'ok', pending: 0 });
    expect(s.emulator.control.list()).toHaveLength(1);
    expect(s.requests()).toEqual(['GET /me/contacts/delta 200', 'POST /$batch 200', 'GET /me/contacts 200']);
    expect(s.emulator.control.log().find((e) => e.method === 'POST' && !e.inBatch)?.dropped).toBe(true);
    expect(await s.engine.contacts.syncState(created.id)).toBe('synced');
    // Later syncs neither re-send it nor add a twin.
    await s.engine.sync();
    expect(s.emulator.control.list()).toHaveLength(1);
    expect(await s.engine.contacts.list()).toHaveLength(1);
  });

  it('answered by a 500 that may have come after the write is looked up, not found, and sent again once', async () => {
    s = await graphScenario();
    await s.engine.sync();
    await s.engine.contacts.create(ann);
    s.emulator.control.clearLog();
    s.emulator.control.failNext({ method: 'POST', path: '/me/contacts$', status: 500, inBatch: true });
    const first = await s.engine.sync();
    expect(first.pending).toBe(1);
    expect(s.requests()).toContain('GET /me/contacts 200');
    if (first.retryAt !== null) s.clock.advance(first.retryAt - s.clock.now());
    expect(await s.engine.sync()).toMatchObject({ outcome: 'ok', pending: 0 });
    expect(s.emulator.control.list()).toHaveLength(1);
  });
});

describe('an expired delta token', () => {
  for (const how of ['gone', 'syncStateNotFound'] as const) {
    it(`(${how}) starts a new initial round: remote changes arrive, local edits are kept and sent`, async () => {
      s = await graphScenario({ seed: [ann, toDraft({ name: { given: 'Ben' } }), toDraft({ name: { given: 'Cy' } })] });
      await s.engine.sync();
      const ids = s.emulator.control.list().map((e) => e.remoteId);
      s.emulator.control.expireTokens(how);
      s.emulator.control.remove(ids[1] as string);
      s.emulator.control.update(ids[2] as string, { notes: 'while the token expired' });
      const annLocal = (await s.engine.contacts.list()).find((c) => c.name.given === 'Ann');
      await s.engine.contacts.update(annLocal?.id as string, { jobTitle: 'Engineer' });
      const report = await s.engine.sync();
      expect(report).toMatchObject({ outcome: 'ok', pending: 0, pulled: { removed: 1 } });
      const statuses = s
        .requests()
        .filter((r) => r.startsWith('GET /me/contacts/delta'))
        .map((r) => r.split(' ')[2]);
      expect(statuses).toEqual(['200', how === 'gone' ? '410' : '400', '200']);
      const local = (await s.engine.contacts.list()).map((c) => `${c.name.given}|${c.notes}|${c.jobTitle}`).sort();
      expect(local).toEqual(['Ann||Engineer', 'Cy|while the token expired|']);
      expect(
        s.emulator.control
          .list()
          .map((e) => `${e.contact.name.given}|${e.contact.notes}|${e.contact.jobTitle}`)
          .sort(),
      ).toEqual(local);
    });
  }
});

describe('429 inside a batch', () => {
  it('waits at least Retry-After for that operation while the others land, and sends nothing sooner', async () => {
    s = await graphScenario();
    await s.engine.sync();
    await s.engine.contacts.create(ann);
    await s.engine.contacts.create(toDraft({ name: { given: 'Ben' } }));
    s.emulator.control.failNext({ method: 'POST', path: '/me/contacts$', status: 429, retryAfter: 30, inBatch: true });
    const started = s.clock.now();
    const first = await s.engine.sync();
    expect(first).toMatchObject({ pending: 1, pushed: { created: 1 } });
    const retryAt = first.retryAt ?? 0;
    expect(retryAt).toBeGreaterThanOrEqual(started + 30_000);
    s.emulator.control.clearLog();
    s.clock.advance(retryAt - s.clock.now() - 1);
    await s.engine.sync();
    expect(s.emulator.control.log().filter((e) => e.method === 'POST')).toEqual([]);
    s.clock.advance(1);
    expect(await s.engine.sync()).toMatchObject({ outcome: 'ok', pending: 0 });
    expect(s.emulator.control.list()).toHaveLength(2);
  });
});

describe('401', () => {
  it('asks for a token once more and carries on with the new one', async () => {
    s = await graphScenario({ seed: [ann] });
    await s.engine.sync();
    s.emulator.control.rotateToken();
    expect(await s.engine.sync()).toMatchObject({ outcome: 'ok' });
    expect(s.tokenCalls.refresh).toBe(1);
  });

  it('reports auth-required after one refresh that does not help, without a loop', async () => {
    s = await graphScenario({ seed: [ann] });
    await s.engine.sync();
    s.emulator.control.failNext({ status: 401, count: 100 });
    s.emulator.control.clearLog();
    const report = await s.engine.sync();
    expect(report).toMatchObject({ outcome: 'auth-required', error: { code: 'graph.unauthorized' } });
    expect(s.requests()).toEqual(['GET /me/contacts/delta 401', 'GET /me/contacts/delta 401']);
    expect(s.tokenCalls.refresh).toBe(1);
  });

  it('403 is forbidden', async () => {
    s = await graphScenario({ seed: [ann] });
    s.emulator.control.setLocked(true);
    expect(await s.engine.sync()).toMatchObject({ outcome: 'forbidden', error: { code: 'graph.forbidden' } });
  });
});
