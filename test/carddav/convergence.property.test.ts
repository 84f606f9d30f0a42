import { carddav } from '@contactsync/adapters';
import { createSyncEngine, type ContactDraft, type SyncEngine } from '@contactsync/core';
import { propertyParameters, seededRandom } from '@contactsync/core/testing';
import fc from 'fast-check';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFaultProxy, type FaultProxy, type ProxyFault } from './fault-proxy.js';
import { person } from './kit.js';
import { RemoteClient } from './remote-book.js';
import { startServer, type CardDavServer } from './servers.js';

/**
 * Convergence against the real servers through a fault-injecting proxy per device: generated runs
 * of local and remote edits, syncs, lost answers after commit, resets and 503 + Retry-After. Then
 * faults stop, time passes, everyone syncs, and: every write is on the server, nothing was created
 * twice, every replica equals the server, and no device sent a request before a Retry-After it got.
 * A fixed seed and few runs normally; PROPERTY_RUNS / PROPERTY_RANDOM / PROPERTY_SEED / PROPERTY_PATH
 * as for every property suite (propertyParameters). `pnpm test:soak` runs it with random seeds and
 * fewer runs than the in-memory suites (package.json), since every run talks to the real servers.
 */
const PARAMETERS = propertyParameters(process.env, { seed: 6_352, runs: 6 });
const DEVICES = 2;
const FAULTS: readonly ProxyFault[] = ['unavailable-retry-after', 'reset', 'lost-response', 'lost-write-response'];

type Command =
  | { readonly type: 'create' | 'sync'; readonly device: number }
  | { readonly type: 'update' | 'remove'; readonly device: number; readonly pick: number; readonly value: number }
  | { readonly type: 'remote-create' }
  | { readonly type: 'remote-update' | 'remote-remove'; readonly pick: number; readonly value: number }
  | { readonly type: 'fault'; readonly device: number; readonly fault: ProxyFault }
  | { readonly type: 'advance'; readonly ms: number };

const device = fc.integer({ min: 0, max: DEVICES - 1 });
const command: fc.Arbitrary<Command> = fc.oneof(
  { arbitrary: fc.record({ type: fc.constantFrom('create' as const, 'sync' as const), device }), weight: 4 },
  {
    arbitrary: fc.record({ type: fc.constantFrom('update' as const, 'remove' as const), device, pick: fc.nat(20), value: fc.nat(99) }),
    weight: 3,
  },
  { arbitrary: fc.record({ type: fc.constant('remote-create' as const) }), weight: 1 },
  {
    arbitrary: fc.record({
      type: fc.constantFrom('remote-update' as const, 'remote-remove' as const),
      pick: fc.nat(20),
      value: fc.nat(99),
    }),
    weight: 1,
  },
  { arbitrary: fc.record({ type: fc.constant('fault' as const), device, fault: fc.constantFrom(...FAULTS) }), weight: 2 },
  { arbitrary: fc.record({ type: fc.constant('advance' as const), ms: fc.constantFrom(1_000, 40_000) }), weight: 1 },
);

interface Device {
  readonly engine: SyncEngine;
  readonly proxy: FaultProxy;
  notBefore: number;
}

/** What a card says, for comparing replicas with the server. */
const view = (c: ContactDraft): string => `${c.nickname}|${c.name.given}|${c.notes}|${c.company}`;

async function run(server: CardDavServer, commands: readonly Command[]): Promise<void> {
  let time = Date.UTC(2026, 0, 1);
  const now = (): number => time;
  const remote = new RemoteClient(server);
  const bookUrl = await remote.makeBook();
  const devices: Device[] = [];
  let token = 0;
  const created = new Set<string>();
  const deleted = new Set<string>();
  try {
    for (let i = 0; i < DEVICES; i++) {
      const proxy = await startFaultProxy(server.url, now);
      const service = carddav({
        bookUrl: bookUrl.replace(server.url, proxy.url),
        auth: { username: server.username, password: server.password },
      });
      const engine = await createSyncEngine({
        databaseName: `device-${i}`,
        service,
        indexedDB: new IDBFactory(),
        IDBKeyRange,
        now,
        random: seededRandom(i + 1),
      });
      devices.push({ engine, proxy, notBefore: 0 });
    }
    const sync = async (d: Device): Promise<void> => {
      const first = d.proxy.log.length;
      await d.engine.sync();
      for (const entry of d.proxy.log.slice(first)) {
        expect(entry.at, 'a request before the Retry-After passed').toBeGreaterThanOrEqual(d.notBefore);
        if (entry.retryAfterMs !== null) d.notBefore = entry.at + entry.retryAfterMs;
      }
    };
    // Every run starts from a book both devices know, so remote edits and deletes meet replicas.
    for (let i = 0; i < 3; i++) {
      const nickname = `t${token++}`;
      created.add(nickname);
      await remote.create(bookUrl, { ...person('Seed'), nickname });
    }
    for (const d of devices) await sync(d);
    const pick = async (d: Device, n: number) => {
      const list = await d.engine.contacts.list();
      return list.length === 0 ? undefined : list[n % list.length];
    };
    for (const cmd of commands) {
      const d = 'device' in cmd ? (devices[cmd.device] as Device) : undefined;
      if (cmd.type === 'create' && d) {
        const nickname = `t${token++}`;
        created.add(nickname);
        await d.engine.contacts.create({ ...person('Model'), nickname });
      } else if (cmd.type === 'update' && d) {
        const target = await pick(d, cmd.pick);
        if (target)
          await d.engine.contacts.update(target.id, cmd.value % 2 === 0 ? { notes: `note ${cmd.value}` } : { company: `Co ${cmd.value}` });
      } else if (cmd.type === 'remove' && d) {
        const target = await pick(d, cmd.pick);
        if (target) {
          deleted.add(target.nickname);
          await d.engine.contacts.remove(target.id);
        }
      } else if (cmd.type === 'sync' && d) {
        await sync(d);
      } else if (cmd.type === 'fault' && d) {
        d.proxy.inject(cmd.fault);
      } else if (cmd.type === 'remote-create') {
        const nickname = `t${token++}`;
        created.add(nickname);
        await remote.create(bookUrl, { ...person('Remote'), nickname });
      } else if (cmd.type === 'remote-update' || cmd.type === 'remote-remove') {
        const book = await remote.list(bookUrl);
        const victim = book[cmd.pick % Math.max(1, book.length)];
        if (victim && cmd.type === 'remote-update') await remote.update(victim.remoteId, { jobTitle: `job ${cmd.value}` });
        if (victim && cmd.type === 'remote-remove') {
          deleted.add(victim.contact.nickname);
          await remote.remove(victim.remoteId);
        }
      } else if (cmd.type === 'advance') {
        time += cmd.ms;
      }
    }
    for (const d of devices) d.proxy.clear();
    for (let round = 0; round < 3; round++) {
      time += 3_600_000;
      for (const d of devices) await sync(d);
    }
    const book = await remote.list(bookUrl);
    const nicknames = book.map((c) => c.contact.nickname);
    expect(new Set(nicknames).size, `created twice: ${nicknames.join(',')}`).toBe(nicknames.length);
    for (const nickname of created) if (!deleted.has(nickname)) expect(nicknames, `lost ${nickname}`).toContain(nickname);
    const onServer = book.map((c) => view(c.contact)).sort();
    for (const d of devices) {
      expect((await d.engine.contacts.list()).map(view).sort()).toEqual(onServer);
      expect(await d.engine.pendingChanges()).toEqual([]);
    }
  } finally {
    for (const d of devices) {
      await d.engine.close();
      await d.proxy.close();
    }
  }
}

describe.each(['radicale', 'xandikos'] as const)('convergence through faults on %s', (kind) => {
  let server: CardDavServer;
  beforeAll(async () => {
    server = await startServer(kind);
  });
  afterAll(async () => {
    await server.close();
  });

  it(
    `keeps every write, creates nothing twice, converges, obeys Retry-After (${PARAMETERS.numRuns} runs)`,
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(command, { minLength: 4, maxLength: 16 }), (commands) => run(server, commands)),
        { ...PARAMETERS, verbose: 1 },
      );
    },
    Math.max(600_000, PARAMETERS.numRuns * 60_000),
  ); // Real servers: about a minute per run at worst (soak runs many).
});
