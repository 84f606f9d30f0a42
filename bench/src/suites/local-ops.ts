import { Dexie, type Table } from 'dexie';
import type { ContactDraft } from '@contactsync/core';
import { generateContacts } from '@contactsync/adapters/emulators';
import type { KeptEngine } from './initial-sync.js';

type Row = ContactDraft & { readonly id: string; readonly updatedAt: number; readonly state: string; readonly remoteId?: string };
type RawDb = Dexie & { contacts: Table<Row, string> };

/** A second connection to the engine's own database, declaring the engine's schema, for raw Dexie calls. */
function openRaw(kept: KeptEngine): RawDb {
  const db = new Dexie(kept.databaseName, { indexedDB: kept.env.indexedDB, IDBKeyRange: kept.env.IDBKeyRange }) as RawDb;
  db.version(1).stores({
    contacts: 'id, remoteId',
    outbox: 'contactId',
    categoryOps: '++id',
    conflicts: '++id, contactId',
    syncState: 'key',
  });
  return db;
}

export interface LocalOpResult {
  readonly operation: string;
  /** Milliseconds per operation, per block. */
  readonly engine: readonly number[];
  readonly raw: readonly number[];
  readonly target: number;
  readonly rawLabel: string;
}

const BLOCK = 25;

/**
 * Runs `ops` operations of each side in alternating blocks (engine block, raw block, ...), so load
 * drift falls on both; returns the per-operation time of each block.
 */
async function alternate(
  ops: number,
  engineOp: (i: number) => Promise<unknown>,
  rawOp: (i: number) => Promise<unknown>,
): Promise<{ engine: number[]; raw: number[] }> {
  const engine: number[] = [];
  const raw: number[] = [];
  for (let start = 0; start < ops; start += BLOCK) {
    const end = Math.min(ops, start + BLOCK);
    for (const [side, op, out] of [
      ['engine', engineOp, engine],
      ['raw', rawOp, raw],
    ] as const) {
      void side;
      const t0 = performance.now();
      for (let i = start; i < end; i++) await op(i);
      out.push((performance.now() - t0) / (end - start));
    }
  }
  return { engine, raw };
}

/**
 * Local writes and reads on a synced replica (the kept engine of an initial sync): the engine's
 * public calls against raw Dexie calls on the same database. Writes: the engine commits the row
 * and its outbox entry in one transaction (and validates); raw Dexie puts the same row alone.
 */
export async function measureLocalOps(kept: KeptEngine, ops: number): Promise<LocalOpResult[]> {
  const { engine } = kept;
  const raw = openRaw(kept);
  await raw.open();
  const synced = (await raw.contacts.orderBy('id').toArray()).filter((r) => r.state === 'synced');
  if (synced.length < 2 * ops) throw new Error(`local ops: need ${2 * ops} synced contacts, have ${synced.length}`);
  const drafts = generateContacts(2 * ops, 7);
  const results: LocalOpResult[] = [];

  const created = await alternate(
    ops,
    (i) => engine.contacts.create(drafts[i] as ContactDraft),
    (i) => raw.contacts.put({ ...(drafts[ops + i] as ContactDraft), id: crypto.randomUUID(), updatedAt: Date.now(), state: 'pending' }),
  );
  results.push({ operation: 'create', ...created, target: 2, rawLabel: 'put' });

  // Updates of synced contacts (the engine captures the merge base in the outbox entry); the engine
  // edits the first `ops`, raw Dexie puts the next `ops` with the same change, prepared beforehand.
  // Issue 16 compares an update with a raw read-modify-write of the row in one transaction.
  const rawRows = synced.slice(ops, 2 * ops).map((r, i) => ({ ...r, notes: `Raw edit ${i}`, updatedAt: Date.now() }));
  const updated = await alternate(
    ops,
    (i) => engine.contacts.update((synced[i] as Row).id, { notes: `Engine edit ${i}` }),
    (i) =>
      raw.transaction('rw', raw.contacts, async () => {
        const row = await raw.contacts.get((rawRows[i] as Row).id);
        if (row !== undefined) await raw.contacts.put({ ...row, notes: `Raw edit ${i}`, updatedAt: Date.now() });
      }),
  );
  results.push({ operation: 'update (patch)', ...updated, target: 2, rawLabel: 'get+put in one tx' });
  const rmw = await alternate(
    ops,
    (i) => engine.contacts.update((synced[i] as Row).id, { notes: `Engine edit again ${i}` }),
    (i) =>
      raw.transaction('rw', raw.contacts, async () => {
        const row = await raw.contacts.get((rawRows[i] as Row).id);
        if (row !== undefined) await raw.contacts.put({ ...row, notes: `Raw edit again ${i}`, updatedAt: Date.now() });
      }),
  );
  results.push({ operation: 'update again (coalesced)', ...rmw, target: 2, rawLabel: 'get+put in one tx' });

  const ids = synced.map((r) => r.id);
  const pick = (i: number): string => ids[(i * 7919) % ids.length] as string;
  const got = await alternate(
    ops * 2,
    (i) => engine.contacts.get(pick(i)),
    (i) => raw.contacts.get(pick(i)),
  );
  results.push({ operation: 'get', ...got, target: 1.1, rawLabel: 'get' });

  const lists = { engine: [] as number[], raw: [] as number[] };
  for (let rep = 0; rep < 5; rep++) {
    let t0 = performance.now();
    await engine.contacts.list();
    lists.engine.push(performance.now() - t0);
    t0 = performance.now();
    await raw.contacts.toArray();
    lists.raw.push(performance.now() - t0);
  }
  results.push({
    operation: `list (${(await raw.contacts.count()).toLocaleString('en-US')} contacts)`,
    ...lists,
    target: 1.1,
    rawLabel: 'toArray',
  });
  raw.close();
  return results;
}
