import { describe, expect, it } from 'vitest';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { createSyncEngine, toDraft, type SyncReport } from '@contactsync/core';
import type { Backend } from '../property/backend.js';
import { windowsLiveBackend } from '../property/windows-live-backend.js';
import { yahooBackend } from '../property/yahoo-backend.js';
import { hostileBodies } from './hostile-bodies.js';
import { dumpDatabase, durableState } from './replica-dump.js';

const backends: [string, () => Promise<Backend>][] = [
  ['Windows Live', windowsLiveBackend],
  ['Yahoo XML', () => yahooBackend('xml')],
  ['Yahoo JSON', () => yahooBackend('json')],
];

/** A sync that must end by itself: a decoder that hangs fails the test instead of the suite. */
async function bounded(sync: Promise<SyncReport>): Promise<SyncReport> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('sync did not finish within 90 s')), 90_000);
  });
  try {
    return await Promise.race([sync, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

describe.each(backends)('hostile server answers: %s', (_name, start) => {
  it('each comes back as a typed failure; replica, outbox and cursor stay exactly as they were', async () => {
    const backend = await start();
    const idb = new IDBFactory();
    let forged: string | Uint8Array | null = null;
    let valid = '';
    // The real request still reaches the server; only the body the adapter reads is replaced.
    const fetchFor: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if ((init?.method ?? 'GET') !== 'GET') return response;
      const text = await response.text();
      if (forged === null) {
        if (response.status === 200) valid = text;
        const nullBody = response.status === 204 || response.status === 304;
        return new Response(nullBody ? null : text, { status: response.status, headers: response.headers });
      }
      return new Response(forged as BodyInit, { status: 200, headers: response.headers });
    };
    const engine = await createSyncEngine({
      databaseName: 'hostile',
      service: backend.service(fetchFor),
      indexedDB: idb,
      IDBKeyRange,
      now: () => backend.now(),
    });
    const ids = [1, 2, 3].map((i) => backend.remote.create(toDraft({ name: { given: `Seed${i}`, family: 'Model' } })));
    backend.advance(1_100);
    expect((await engine.sync()).outcome).toBe('ok');
    await engine.contacts.create(toDraft({ name: { given: 'Pending', family: 'Model' } }));
    backend.remote.update(ids[0] as string, { notes: 'changed on the server' });
    backend.advance(1_100);
    const before = durableState(await dumpDatabase('hostile', idb));
    const heapBefore = process.memoryUsage().heapUsed;

    for (const hostile of hostileBodies(backend.format, valid)) {
      forged = hostile.body;
      if (hostile.name === 'prototype keys') {
        // Well-formed apart from its keys: decoding it is fine, polluting prototypes is not.
        await bounded(engine.sync());
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        expect(Object.prototype).not.toHaveProperty('x');
        continue;
      }
      const report = await bounded(engine.sync());
      expect(['failed', 'waiting'], hostile.name).toContain(report.outcome);
      expect(report.error?.code, hostile.name).toBeTruthy();
      expect(report.error?.userMessage, hostile.name).not.toMatch(/<|\{|at .*\(|Error:/);
      expect(durableState(await dumpDatabase('hostile', idb)), hostile.name).toEqual(before);
      expect(({} as Record<string, unknown>).polluted, hostile.name).toBeUndefined();
      backend.advance(3_600_000);
    }
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(512 * 1024 * 1024);

    forged = null;
    const recovered = await engine.sync();
    expect(recovered).toMatchObject({ outcome: 'ok', pending: 0 });
    expect((await engine.contacts.list()).find((c) => c.name.given === 'Seed1')?.notes).toBe('changed on the server');
    await engine.close();
    await backend.close();
  }, 300_000);
});
