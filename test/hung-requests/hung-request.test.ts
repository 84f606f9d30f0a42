import { afterEach, describe, expect, it } from 'vitest';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { createSyncEngine, toDraft, type CreateSyncEngineOptions, type SyncEngine } from '@contactsync/core';
import { MemoryLocks, seededRandom } from '@contactsync/core/testing';
import type { Backend } from '../property/backend.js';
import { windowsLiveBackend } from '../property/windows-live-backend.js';
import { yahooBackend } from '../property/yahoo-backend.js';
import { startSilentServer, type SilentServer } from './silent-server.js';

/** Short, so a test waits for a timeout without sleeping long: the point is that it ends at all. */
const TIMEOUT_MS = 300;

type Route = 'emulator' | 'silent' | 'commit-then-silent';

/**
 * The adapter's fetch: write requests go to the emulator, or to a socket that never answers, or
 * reach the emulator (which applies them) while the answer never comes back. Reads always reach
 * the emulator, so a sync's pull succeeds and its push is the request that hangs.
 */
function routedFetch(silent: SilentServer, route: { writes: Route }): typeof globalThis.fetch {
  return (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const write = (init?.method ?? 'GET') !== 'GET';
    if (!write || route.writes === 'emulator') return fetch(url, init);
    if (route.writes === 'silent') return fetch(`${silent.origin}${url.pathname}${url.search}`, init);
    // Applied by the server, answer lost: a real fetch would hang until its signal fires.
    return fetch(url, { ...init, signal: null }).then(
      () =>
        new Promise<Response>((_resolve, reject) => {
          // The abort reason is passed on as it is, as fetch does.
          // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
          init?.signal?.addEventListener('abort', () => reject(init.signal?.reason), { once: true });
        }),
    );
  };
}

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const item of open.splice(0).reverse()) await item.close();
});

async function setUp(start: () => Promise<Backend>, engine: Partial<CreateSyncEngineOptions> = {}) {
  const backend = await start();
  open.push(backend);
  const silent = await startSilentServer();
  open.push(silent);
  const route = { writes: 'emulator' as Route };
  const idb = new IDBFactory();
  let openings = 0;
  const openEngine = async (): Promise<SyncEngine> => {
    const made = await createSyncEngine({
      databaseName: 'hung',
      service: backend.service(routedFetch(silent, route)),
      indexedDB: idb,
      IDBKeyRange,
      now: () => backend.now(),
      random: seededRandom(++openings),
      requestTimeoutMs: TIMEOUT_MS,
      ...engine,
    });
    open.push(made);
    return made;
  };
  const names = () =>
    backend.remote
      .list()
      .map((r) => r.contact.nickname)
      .sort();
  return { backend, silent, route, openEngine, names };
}

const person = (nickname: string) => toDraft({ name: { given: 'Hung', family: 'Request' }, nickname });

for (const [name, start] of [
  ['Windows Live', windowsLiveBackend],
  ['Yahoo XML', () => yahooBackend('xml')],
] as const) {
  describe(`a request that never answers: ${name}`, () => {
    it('sync() returns a report after the timeout, the write stays pending, a later sync lands it once', async () => {
      const { backend, silent, route, openEngine, names } = await setUp(start);
      const engine = await openEngine();
      await engine.sync();
      await engine.contacts.create(person('h1'));
      route.writes = 'silent';
      const report = await engine.sync();
      expect(silent.received.length).toBeGreaterThan(0); // the request did reach the silent socket
      expect(report.error?.code).toBe('timeout');
      expect(report.pending).toBe(1);
      expect(names()).toEqual([]);
      route.writes = 'emulator';
      backend.advance(3_600_000);
      expect(await engine.sync()).toMatchObject({ outcome: 'ok', pending: 0 });
      expect(names()).toEqual(['h1']);
    });

    it('a write the server applied but whose answer never came is not sent twice', async () => {
      const { backend, route, openEngine, names } = await setUp(start);
      const engine = await openEngine();
      await engine.sync();
      await engine.contacts.create(person('h2'));
      route.writes = 'commit-then-silent';
      expect((await engine.sync()).error?.code).toBe('timeout');
      expect(names()).toEqual(['h2']);
      route.writes = 'emulator';
      backend.advance(3_600_000);
      expect(await engine.sync()).toMatchObject({ outcome: 'ok', pending: 0 });
      expect(names()).toEqual(['h2']);
      expect((await engine.contacts.list()).map((c) => c.nickname)).toEqual(['h2']);
    });

    it('close() during a hung request resolves and frees the lock for another engine, which lands the write once', async () => {
      const locks = new MemoryLocks();
      // Only close() can end this request: its timeout is far beyond the test's own.
      const { backend, silent, route, openEngine, names } = await setUp(start, { locks, requestTimeoutMs: 600_000 });
      const first = await openEngine();
      await first.sync();
      await first.contacts.create(person('h3'));
      route.writes = 'silent';
      const hung = first.sync();
      const second = await openEngine();
      await until(() => silent.received.length > 0); // the first engine's write is out, unanswered
      expect(locks.held.size).toBe(1);
      const queued = second.sync(); // waits for the first engine's lock
      route.writes = 'emulator';
      await first.close();
      expect(await hung).toMatchObject({ error: { code: 'closed' } });
      await queued;
      backend.advance(3_600_000);
      expect(await second.sync()).toMatchObject({ outcome: 'ok', pending: 0 });
      expect(names()).toEqual(['h3']);
    });
  });
}

/** Lets I/O and promise callbacks run until `condition` holds. */
async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 100_000 && !condition(); i++) await new Promise<void>((resolve) => setImmediate(resolve));
}
