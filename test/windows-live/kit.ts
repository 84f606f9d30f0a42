import { seededRandom } from '@contactsync/core/testing';
import { windowsLive } from '@contactsync/adapters';
import { startWindowsLiveEmulator, type Quotas, type WindowsLiveEmulator } from '@contactsync/adapters/emulators';
import { createSyncEngine, type ContactDraft, type SyncEngine } from '@contactsync/core';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';

/**
 * Engine + Windows Live adapter + emulator over real loopback HTTP, with one fake clock for the
 * emulator and the engine, a fresh fake IndexedDB per scenario, and a network the test can cut.
 */

export interface FakeClock {
  readonly now: () => number;
  advance(ms: number): void;
  set(ms: number): void;
}

/** Starts on a whole second, so tests can reason in the wire's one-second resolution. */
export function fakeClock(start = Date.UTC(2010, 5, 1, 12, 0, 0)): FakeClock {
  let time = start;
  return {
    now: () => time,
    advance: (ms) => {
      time += ms;
    },
    set: (ms) => {
      time = ms;
    },
  };
}

export interface Network {
  /** false: every request fails as a refused connection would (nothing sent). */
  online: boolean;
  /** Runs before a request leaves; lets "another device" act at exactly that moment. */
  beforeRequest: ((method: string, url: string) => void) | null;
}

export interface Scenario {
  readonly clock: FakeClock;
  readonly emulator: WindowsLiveEmulator;
  readonly engine: SyncEngine;
  readonly network: Network;
  /** The emulator's request log as `METHOD status` lines (path left out). */
  requests(): string[];
  close(): Promise<void>;
}

export async function scenario(
  options: { readonly seed?: readonly ContactDraft[]; readonly quotas?: Partial<Quotas> } = {},
): Promise<Scenario> {
  const clock = fakeClock();
  const emulator = await startWindowsLiveEmulator({
    port: 0,
    clock: clock.now,
    quotas: { callsPerSecond: null, ...options.quotas },
    ...(options.seed === undefined ? {} : { seedContacts: options.seed }),
  });
  const network: Network = { online: true, beforeRequest: null };
  const service = windowsLive({
    baseUrl: emulator.url,
    lid: emulator.lid,
    token: emulator.token,
    fetch: async (url, init) => {
      if (!network.online)
        throw new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) });
      network.beforeRequest?.(init.method ?? 'GET', url);
      return fetch(url, init);
    },
  });
  const engine = await createSyncEngine({
    databaseName: 'alice@live',
    service,
    indexedDB: new IDBFactory(),
    IDBKeyRange,
    now: clock.now,
    random: seededRandom(),
  });
  return {
    clock,
    emulator,
    engine,
    network,
    requests: () => emulator.control.log().map((e) => `${e.method} ${e.status}`),
    async close() {
      await engine.close();
      await emulator.close();
    },
  };
}
