import { seededRandom } from '@contactsync/core/testing';
import { microsoftGraph, type MicrosoftGraphOptions } from '@contactsync/adapters';
import { startGraphEmulator, type GraphEmulator, type GraphEmulatorSettings } from '@contactsync/adapters/emulators';
import { createSyncEngine, type ContactDraft, type ContactService, type SyncEngine } from '@contactsync/core';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';

/**
 * Engine + Graph adapter + emulator over real loopback HTTP, with one fake clock for both, a fresh
 * fake IndexedDB per scenario, a network the test can cut, and a count of token requests.
 */

export interface FakeClock {
  readonly now: () => number;
  advance(ms: number): void;
}

export function fakeClock(start = Date.UTC(2026, 0, 5, 9, 0, 0)): FakeClock {
  let time = start;
  return {
    now: () => time,
    advance: (ms) => {
      time += ms;
    },
  };
}

export interface Network {
  online: boolean;
  /** Runs before a request leaves, e.g. to let "another device" act at exactly that moment. */
  beforeRequest: ((method: string, url: string, body: string) => void) | null;
}

export interface GraphScenario {
  readonly clock: FakeClock;
  readonly emulator: GraphEmulator;
  readonly engine: SyncEngine;
  /** The adapter the engine uses, for tests of what it returns page by page. */
  readonly service: ContactService;
  readonly network: Network;
  readonly tokenCalls: { plain: number; refresh: number };
  /** Top-level requests as `METHOD path status` lines. */
  requests(): string[];
  close(): Promise<void>;
}

export interface ScenarioOptions {
  readonly seed?: readonly ContactDraft[];
  readonly settings?: Partial<GraphEmulatorSettings>;
  readonly adapter?: Partial<Pick<MicrosoftGraphOptions, 'pageSize' | 'folderId' | 'timeoutMs'>>;
}

export async function graphScenario(options: ScenarioOptions = {}): Promise<GraphScenario> {
  const clock = fakeClock();
  const emulator = await startGraphEmulator({
    port: 0,
    clock: clock.now,
    ...(options.settings ? { settings: options.settings } : {}),
    ...(options.seed ? { seedContacts: options.seed } : {}),
  });
  const network: Network = { online: true, beforeRequest: null };
  const tokenCalls = { plain: 0, refresh: 0 };
  let cached = emulator.control.token();
  const service = microsoftGraph({
    baseUrl: emulator.url,
    ...options.adapter,
    getAccessToken: ({ refresh }) => {
      if (refresh) {
        tokenCalls.refresh++;
        cached = emulator.control.token();
      } else tokenCalls.plain++;
      return cached;
    },
    fetch: async (url, init) => {
      if (!network.online)
        throw new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) });
      network.beforeRequest?.(init.method ?? 'GET', url, typeof init.body === 'string' ? init.body : '');
      return fetch(url, init);
    },
  });
  const engine = await createSyncEngine({
    databaseName: 'alice@outlook',
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
    service,
    network,
    tokenCalls,
    requests: () =>
      emulator.control
        .log()
        .filter((e) => !e.inBatch)
        .map((e) => `${e.method} ${e.path.replace('/v1.0', '')} ${e.status}`),
    async close() {
      await engine.close();
      await emulator.close();
    },
  };
}
