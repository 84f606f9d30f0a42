import { Dexie, type Table } from 'dexie';
import type { RemoteContact } from '@contactsync/core';
import type { ClientProvider, Connection } from '../providers/provider.js';
import { ENGINE_CHUNK, type IndexedDbEnv } from './idb.js';
import { meteredFetch, newNetworkMeter } from './instrumented-fetch.js';
import { FIRST_CHUNK, type StageTimes } from './stages.js';

/** The replica row, as the engine's contacts table holds it (packages/core/src/replica/schema.ts). */
export type PlainRow = RemoteContact['contact'] & {
  readonly id: string;
  readonly updatedAt: number;
  readonly state: 'synced';
  readonly remoteId: string;
  readonly version: string;
  readonly meta?: RemoteContact['meta'];
};

export type PlainDb = Dexie & { contacts: Table<PlainRow, string> };

/** A Dexie database with the engine's contacts table schema (`id, remoteId`). */
export function openPlainDb(name: string, env: IndexedDbEnv): PlainDb {
  const db = new Dexie(name, { indexedDB: env.indexedDB, IDBKeyRange: env.IDBKeyRange }) as PlainDb;
  db.version(1).stores({ contacts: 'id, remoteId' });
  return db;
}

/** A replica row for a record; `id` is the existing row's when a delta updates one. */
export function row(record: RemoteContact, updatedAt: number, id: string = crypto.randomUUID()): PlainRow {
  const c = record.contact;
  const base = {
    id,
    updatedAt,
    state: 'synced' as const,
    remoteId: record.remoteId,
    version: record.version,
    name: c.name,
    nickname: c.nickname,
    company: c.company,
    jobTitle: c.jobTitle,
    notes: c.notes,
    birthday: c.birthday,
    emails: c.emails,
    phones: c.phones,
    addresses: c.addresses,
    categories: c.categories,
  };
  return record.meta === undefined ? base : { ...base, meta: record.meta };
}

/**
 * The baseline: fetch the same response, decode it with the adapter's codec, map it with the
 * adapter's mapping, and Dexie `bulkPut` rows of the engine's shape in transactions of the
 * engine's chunk size. Nothing else: no outbox, no cursor, no status, no reconciliation.
 */
export async function plainLoopInitialSync(
  provider: ClientProvider,
  connection: Connection,
  env: IndexedDbEnv,
  databaseName: string,
  options: { readonly floor: boolean } = { floor: true },
): Promise<StageTimes> {
  const meter = newNetworkMeter();
  const fetch = meteredFetch(meter);
  const started = performance.now();
  const db = openPlainDb(databaseName, env);
  await db.open();
  const book = await provider.fetchBook(connection, fetch);
  const fetched = performance.now();
  const map = provider.decode(book);
  const decoded = performance.now();
  const records = map();
  const mapped = performance.now();
  const now = Date.now();
  const chunks: PlainRow[][] = [];
  let firstChunk = Number.NaN;
  for (let i = 0; i < records.length; i += ENGINE_CHUNK) {
    const rows = records.slice(i, i + ENGINE_CHUNK).map((r) => row(r, now));
    await db.transaction('rw', db.contacts, () => db.contacts.bulkPut(rows));
    if (Number.isNaN(firstChunk) && i + rows.length >= Math.min(FIRST_CHUNK, records.length)) firstChunk = performance.now() - started;
    if (options.floor) chunks.push(rows);
  }
  const stored = performance.now();
  db.close();
  const floor = options.floor ? await storeFloor(chunks, env, `${databaseName}-floor`) : Number.NaN;
  return {
    total: stored - started,
    network: meter.ms,
    decode: decoded - fetched,
    map: mapped - decoded,
    decodeMap: mapped - fetched,
    // Opening the database counts with the store, as the engine's does.
    store: stored - mapped + (fetched - started - meter.ms),
    contacts: records.length,
    requests: meter.requests,
    firstChunk,
    firstHeaders: meter.firstHeadersAt - started,
    floor,
  };
}

/**
 * The IndexedDB floor: open a fresh database of the same schema and `bulkPut` the rows the plain
 * loop just stored, in the same chunks, one transaction each. Measured right after the plain loop,
 * in the same run and process, so engine / floor is a ratio of like with like.
 */
export async function storeFloor(chunks: readonly (readonly PlainRow[])[], env: IndexedDbEnv, databaseName: string): Promise<number> {
  const started = performance.now();
  const db = openPlainDb(databaseName, env);
  await db.open();
  for (const rows of chunks) await db.transaction('rw', db.contacts, () => db.contacts.bulkPut(rows));
  const ended = performance.now();
  db.close();
  return ended - started;
}
