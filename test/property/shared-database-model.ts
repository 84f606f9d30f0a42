import fc from 'fast-check';
import { seededRandom } from '@contactsync/core/testing';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { createSyncEngine, toDraft, type ContactDraft, type SyncEngine } from '@contactsync/core';
import type { Backend, ServerFault } from './backend.js';
import { checkConverged } from './invariants.js';

/** Two engines on one database: two tabs, or a page and a worker, with no Web Locks between them. */
export const ENGINES = 2;

type Edit =
  | { readonly kind: 'create'; readonly named: number }
  | { readonly kind: 'update'; readonly pick: number; readonly value: number }
  | { readonly kind: 'remove'; readonly pick: number };

export type SharedCommand =
  | { readonly type: 'edit'; readonly engine: number; readonly edit: Edit }
  | { readonly type: 'sync'; readonly engine: number }
  /** Both engines sync at once. */
  | { readonly type: 'race' }
  /** One engine syncs while the user edits through the other. */
  | { readonly type: 'sync-while-editing'; readonly engine: number; readonly edit: Edit }
  | { readonly type: 'remote-update'; readonly pick: number; readonly value: number }
  | { readonly type: 'remote-create'; readonly named: number }
  | { readonly type: 'fault'; readonly fault: ServerFault }
  | { readonly type: 'advance'; readonly ms: number };

const engine = fc.integer({ min: 0, max: ENGINES - 1 });
const edit: fc.Arbitrary<Edit> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('create' as const), named: fc.nat({ max: 3 }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('update' as const), pick: fc.nat(), value: fc.nat({ max: 4 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('remove' as const), pick: fc.nat() }) },
);

export const sharedCommandArbitrary: fc.Arbitrary<SharedCommand> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ type: fc.constant('edit' as const), engine, edit }) },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('sync' as const), engine }) },
  { weight: 4, arbitrary: fc.record({ type: fc.constant('race' as const) }) },
  { weight: 3, arbitrary: fc.record({ type: fc.constant('sync-while-editing' as const), engine, edit }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('remote-update' as const), pick: fc.nat(), value: fc.nat({ max: 4 }) }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('remote-create' as const), named: fc.nat({ max: 3 }) }) },
  // Faults that leave a write's fate unknown or stop a run part way.
  {
    weight: 1,
    arbitrary: fc.record({
      type: fc.constant('fault' as const),
      fault: fc.constantFrom<ServerFault>('lost-response', 'unavailable', 'server-error'),
    }),
  },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 120_000 }) }) },
);

const NAMES = ['Ada', 'Grace', 'Alan', 'Edsger'];

export interface SharedStats {
  races: number;
  syncs: number;
}

/**
 * One generated run: two engines on one shared fake-indexeddb factory and database, no Web Locks
 * (`locks: null`), racing syncs and local edits against one backend. Then faults stop, time passes
 * and each engine syncs until quiet: nothing created twice, nothing written lost, and both engines'
 * replicas equal the server (see invariants.ts).
 */
export async function runSharedModel(backend: Backend, commands: readonly SharedCommand[], stats: SharedStats): Promise<void> {
  const idb = new IDBFactory();
  const engines: SyncEngine[] = [];
  for (let i = 0; i < ENGINES; i++) {
    engines.push(
      await createSyncEngine({
        databaseName: 'shared',
        service: backend.service(globalThis.fetch),
        indexedDB: idb,
        IDBKeyRange,
        now: () => backend.now(),
        random: seededRandom(7_000 + i),
        locks: null,
      }),
    );
  }
  let token = 0;
  const created = new Set<string>();
  const deleted = new Set<string>();
  const at = (i: number) => engines[i] as SyncEngine;

  const apply = async (target: SyncEngine, change: Edit): Promise<void> => {
    if (change.kind === 'create') {
      const nickname = `s${token++}`;
      created.add(nickname);
      await target.contacts.create(person(change.named, nickname));
      return;
    }
    const list = await target.contacts.list();
    const victim = list[change.pick % Math.max(1, list.length)];
    if (victim === undefined) return;
    if (change.kind === 'remove') {
      deleted.add(victim.nickname);
      await target.contacts.remove(victim.id);
    } else {
      // The contact may be gone by now (the other engine applied a remote delete): nothing to edit.
      await target.contacts.update(victim.id, { notes: `note ${change.value}` }).catch((error: unknown) => {
        if ((error as { code?: unknown }).code !== 'not-found') throw error;
      });
    }
  };

  try {
    for (const cmd of commands) {
      switch (cmd.type) {
        case 'edit':
          await apply(at(cmd.engine), cmd.edit);
          break;
        case 'sync':
          stats.syncs++;
          await at(cmd.engine).sync();
          break;
        case 'race':
          stats.races++;
          stats.syncs += 2;
          await Promise.all([at(0).sync(), at(1).sync()]);
          break;
        case 'sync-while-editing':
          stats.syncs++;
          await Promise.all([at(cmd.engine).sync(), apply(at(1 - cmd.engine), cmd.edit)]);
          break;
        case 'remote-update': {
          const book = backend.remote.list();
          const victim = book[cmd.pick % Math.max(1, book.length)];
          if (victim) backend.remote.update(victim.remoteId, { jobTitle: `job ${cmd.value}` });
          break;
        }
        case 'remote-create': {
          const nickname = `s${token++}`;
          created.add(nickname);
          backend.remote.create(person(cmd.named, nickname));
          break;
        }
        case 'fault':
          backend.inject(cmd.fault);
          break;
        case 'advance':
          backend.advance(cmd.ms);
          break;
      }
    }
    backend.clearFaults();
    // Until quiet: a round in which a lone sync finds nothing to do and nothing pending (at most 4).
    for (let round = 0; round < 4; round++) {
      backend.advance(3_600_000);
      await Promise.all([at(0).sync(), at(1).sync()]);
      const last = await at(round % ENGINES).sync();
      if (last.outcome === 'ok' && last.pending === 0 && last.pulled.added + last.pulled.updated + last.pulled.removed === 0) break;
    }
    await checkConverged(backend, engines, created, deleted);
  } finally {
    await Promise.all(engines.map((e) => e.close()));
  }
}

function person(named: number, nickname: string): ContactDraft {
  return toDraft({ name: { given: NAMES[named % NAMES.length] ?? 'Ada', family: 'Shared' }, nickname });
}
