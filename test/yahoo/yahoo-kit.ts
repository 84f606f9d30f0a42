import { seededRandom } from '@contactsync/core/testing';
/**
 * Shared set-up for the Yahoo scenarios: an emulator on a loopback port with a fake clock, and the
 * adapter pointed at it. Imports go through the adapter's own entry points until the package's
 * `index.ts` / `emulators.ts` export them (the lead adds those); then swap to `@contactsync/adapters`.
 */
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { createSyncEngine, pickDraft, type ContactDraft, type SyncEngine } from '@contactsync/core';
import { startYahooEmulator, type YahooEmulator, type YahooEmulatorOptions } from '@contactsync/adapters/emulators';
import { yahooAddressBook, type YahooAddressBookOptions } from '@contactsync/adapters';

export { startYahooEmulator, yahooAddressBook };
export type { YahooEmulator, YahooAddressBookOptions };

export const FORMATS = ['xml', 'json'] as const;
export type Format = (typeof FORMATS)[number];

/** A clock both the emulator and the engine read; tests move it instead of sleeping. */
export function fakeClock(start = Date.UTC(2024, 0, 15, 12)) {
  let now = start;
  return {
    now: () => now,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

export async function startPair(
  format: Format,
  options: Omit<YahooEmulatorOptions, 'port'> = {},
  client: Partial<YahooAddressBookOptions> = {},
) {
  const emulator = await startYahooEmulator({ port: 0, ...options });
  const service = yahooAddressBook({
    baseUrl: emulator.url,
    appid: emulator.appid,
    wssid: emulator.wssid,
    cookie: emulator.cookie,
    format,
    ...client,
  });
  return { emulator, service };
}

/** A connection refused the way Node's fetch reports it: nothing reached the server. */
function refused(): Promise<Response> {
  const cause = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1'), { code: 'ECONNREFUSED' });
  return Promise.reject(new TypeError('fetch failed', { cause }));
}

/**
 * Engine + adapter + emulator over a real loopback socket: a fresh fake IndexedDB, one fake clock
 * shared by the emulator and the engine, and a switch that takes the device offline.
 */
export async function startEngine(
  format: Format,
  options: Omit<YahooEmulatorOptions, 'port' | 'clock'> = {},
  client: Partial<YahooAddressBookOptions> = {},
) {
  const clock = fakeClock();
  const network = { offline: false };
  const emulator = await startYahooEmulator({ port: 0, clock: clock.now, ...options });
  const service = yahooAddressBook({
    baseUrl: emulator.url,
    appid: emulator.appid,
    wssid: emulator.wssid,
    cookie: emulator.cookie,
    format,
    fetch: (input, init) => (network.offline ? refused() : fetch(input, init)),
    ...client,
  });
  const engine: SyncEngine = await createSyncEngine({
    databaseName: `yahoo-${format}`,
    service,
    indexedDB: new IDBFactory(),
    IDBKeyRange,
    now: clock.now,
    random: seededRandom(7),
  });
  // Categories are a set: their order is not compared.
  const sortDrafts = (drafts: readonly ContactDraft[]) =>
    drafts.map((d) => JSON.stringify({ ...pickDraft(d), categories: [...d.categories].sort() })).sort();
  return {
    emulator,
    control: emulator.control,
    engine,
    clock,
    network,
    /** What the server holds, as comparable drafts. */
    serverDrafts: () => sortDrafts(emulator.control.listContacts().map((c) => c.contact)),
    /** What the replica holds, as comparable drafts. */
    localDrafts: async () => sortDrafts(await engine.contacts.list()),
    posts: () => emulator.control.log().filter((l) => l.method === 'POST'),
    close: async () => {
      await engine.close();
      await emulator.close();
    },
  };
}
