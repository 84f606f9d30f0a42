import { describe, expect, it } from 'vitest';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { windowsLive, yahooAddressBook } from '@contactsync/adapters';
import { startWindowsLiveEmulator, startYahooEmulator } from '@contactsync/adapters/emulators';
import { createSyncEngine, toDraft, type AutoSyncEnvironment, type SyncEngine } from '@contactsync/core';
import type { Backend } from '../property/backend.js';
import { windowsLiveBackend } from '../property/windows-live-backend.js';
import { yahooBackend } from '../property/yahoo-backend.js';
import { dumpDatabase } from './replica-dump.js';

const backends: [string, () => Promise<Backend>][] = [
  ['Windows Live', windowsLiveBackend],
  ['Yahoo XML', () => yahooBackend('xml')],
  ['Yahoo JSON', () => yahooBackend('json')],
];

describe.each(backends)('credentials: %s', (_name, start) => {
  it('are never written to IndexedDB, whatever happens in a sync', async () => {
    const backend = await start();
    const idb = new IDBFactory();
    const engine = await createSyncEngine({
      databaseName: 'secrets',
      service: backend.service(fetch),
      indexedDB: idb,
      IDBKeyRange,
      now: () => backend.now(),
    });
    backend.remote.create(toDraft({ name: { given: 'Seed', family: 'Model' } }));
    backend.advance(1_100);
    await engine.sync();
    const created = await engine.contacts.create(toDraft({ name: { given: 'Mine', family: 'Model' } }));
    backend.inject('lost-response');
    await engine.sync();
    backend.inject('auth-expired');
    backend.advance(3_600_000);
    await engine.sync();
    await engine.contacts.update(created.id, { notes: 'edited' });
    backend.advance(3_600_000);
    await engine.sync();
    const stored = JSON.stringify(await dumpDatabase('secrets', idb));
    expect(stored.length).toBeGreaterThan(100);
    for (const secret of backend.secrets) expect(stored).not.toContain(secret);
    await engine.close();
    await backend.close();
  });
});

function everythingAUserCanSee(engine: SyncEngine, report: unknown): Promise<string> {
  return Promise.all([engine.conflicts(), engine.pendingChanges()]).then(([conflicts, pending]) =>
    JSON.stringify({ report, conflicts, pending, status: engine.status }),
  );
}

describe('debug messages', () => {
  for (const format of ['xml', 'json'] as const) {
    it(`Yahoo (${format}): a server's debug-message never reaches a report, the inbox, the outbox or the status`, async () => {
      const emulator = await startYahooEmulator({ port: 0 });
      const service = yahooAddressBook({
        baseUrl: emulator.url,
        appid: emulator.appid,
        wssid: emulator.wssid,
        cookie: emulator.cookie,
        format,
      });
      const idb = new IDBFactory();
      const engine = await createSyncEngine({ databaseName: 'debug', service, indexedDB: idb, IDBKeyRange });
      await engine.sync();
      await engine.contacts.create(toDraft({ name: { given: 'Refused', family: 'Model' } }));
      emulator.control.failNextEvents({
        code: -40014,
        userMessage: 'The field "text" is too long.',
        debugMessage: 'DEBUG-SECRET nested fid 17 len 9000',
      });
      const rejected = await engine.sync();
      expect(rejected.rejected[0]?.userMessage).toBe('The field "text" is too long.');
      emulator.control.failNext({
        status: 500,
        code: -17011,
        userMessage: 'The server is down.',
        debugMessage: 'DEBUG-SECRET whole host db-7',
      });
      const failed = await engine.sync();
      expect(failed.error?.userMessage).toBe('The server is down.');
      for (const report of [rejected, failed]) {
        const visible = await everythingAUserCanSee(engine, report);
        expect(visible).not.toContain('DEBUG-SECRET');
        expect(visible).not.toContain('debugMessage');
      }
      expect(JSON.stringify(await dumpDatabase('debug', idb))).not.toContain('DEBUG-SECRET');
      await engine.close();
      await emulator.close();
    });
  }

  it('Windows Live: reports carry a code and a user message, never request details', async () => {
    const emulator = await startWindowsLiveEmulator({ port: 0, quotas: { callsPerSecond: null } });
    const service = windowsLive({ baseUrl: emulator.url, lid: emulator.lid, token: emulator.token });
    const engine = await createSyncEngine({ databaseName: 'debug-wl', service, indexedDB: new IDBFactory(), IDBKeyRange });
    await engine.sync();
    await engine.contacts.create(toDraft({ name: { given: 'Refused', family: 'Model' } }));
    emulator.control.failNext({ method: 'POST', status: 400 });
    const rejected = await engine.sync();
    emulator.control.failNext({ status: 500 });
    const failed = await engine.sync();
    for (const report of [rejected, failed]) {
      expect(Object.keys(report.error ?? {}).sort()).toEqual(report.error === null ? [] : ['code', 'userMessage']);
      const visible = await everythingAUserCanSee(engine, report);
      expect(visible).not.toMatch(/(GET|POST|PUT|DELETE) \/?(users|Contacts)|@L@|DelegatedToken|debugMessage/);
    }
    await engine.close();
    await emulator.close();
  });
});

describe('auth failures', () => {
  it('never loop: one request, no scheduled retry, even with auto-sync and reconnect events', async () => {
    const emulator = await startWindowsLiveEmulator({ port: 0, quotas: { callsPerSecond: null } });
    const service = windowsLive({ baseUrl: emulator.url, lid: emulator.lid, token: emulator.token });
    const engine = await createSyncEngine({ databaseName: 'auth', service, indexedDB: new IDBFactory(), IDBKeyRange });
    await engine.contacts.create(toDraft({ name: { given: 'Pending', family: 'Model' } }));
    emulator.control.setLocked(true);
    let timers = 0;
    let online: () => void = () => undefined;
    const environment: AutoSyncEnvironment = {
      onOnline: (listener) => ((online = listener), () => undefined),
      onVisible: () => () => undefined,
      setTimer: () => (timers++, () => undefined),
    };
    engine.startAutoSync(environment);
    const report = await engine.sync();
    expect(report).toMatchObject({ outcome: 'auth-required', retryAt: null, pending: 1 });
    online();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(timers).toBe(0);
    expect(emulator.control.log().map((l) => l.status)).toEqual([401, 401]);
    await engine.close();
    await emulator.close();
  });
});
