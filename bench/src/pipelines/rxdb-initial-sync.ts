import { createRxDatabase, type RxJsonSchema } from 'rxdb';
import { replicateRxCollection } from 'rxdb/plugins/replication';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import type { RemoteContact } from '@contactsync/core';
import type { ClientProvider, Connection } from '../providers/provider.js';
import { ENGINE_CHUNK, type IndexedDbEnv } from './idb.js';
import { meteredFetch, newNetworkMeter } from './instrumented-fetch.js';
import type { StageTimes } from './stages.js';

/** A contact as an RxDB document: the server id is the primary key, as RxDB replication wants. */
interface RxContact {
  id: string;
  version: string;
  updatedAt: number;
  name: RemoteContact['contact']['name'];
  nickname: string;
  company: string;
  jobTitle: string;
  notes: string;
  birthday: string;
  emails: RemoteContact['contact']['emails'];
  phones: RemoteContact['contact']['phones'];
  addresses: RemoteContact['contact']['addresses'];
  categories: RemoteContact['contact']['categories'];
  meta?: RemoteContact['meta'];
}

const SCHEMA: RxJsonSchema<RxContact> = {
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 128 },
    version: { type: 'string' },
    updatedAt: { type: 'number' },
    name: { type: 'object' },
    nickname: { type: 'string' },
    company: { type: 'string' },
    jobTitle: { type: 'string' },
    notes: { type: 'string' },
    birthday: { type: 'string' },
    emails: { type: 'array' },
    phones: { type: 'array' },
    addresses: { type: 'array' },
    categories: { type: 'array' },
    meta: { type: 'object' },
  },
  required: ['id', 'version'],
};

/** RxDB's open-core banner is printed once per process; keep it out of the table. */
async function quietly<T>(work: () => Promise<T>): Promise<T> {
  const { log, warn, info } = console;
  console.log = console.warn = console.info = () => undefined;
  try {
    return await work();
  } finally {
    Object.assign(console, { log, warn, info });
  }
}

/**
 * The peer: RxDB's `replicateRxCollection` (Dexie storage) pulling the same book. Its pull handler
 * makes the same request and uses the same codec and mapping as the engine's adapter; the service
 * has no paging, so the first call fetches the whole book and calls hand it out `batchSize`
 * (= the engine's chunk size) documents at a time, checkpointed by offset.
 */
export async function rxdbInitialSync(
  provider: ClientProvider,
  connection: Connection,
  env: IndexedDbEnv,
  databaseName: string,
): Promise<StageTimes> {
  const meter = newNetworkMeter();
  const fetch = meteredFetch(meter);
  let decodeMs = 0;
  let mapMs = 0;
  let records: RemoteContact[] | null = null;
  const now = Date.now();

  const started = performance.now();
  const db = await quietly(async () => {
    const created = await createRxDatabase({
      name: databaseName,
      storage: getRxStorageDexie({ indexedDB: env.indexedDB, IDBKeyRange: env.IDBKeyRange }),
      multiInstance: false,
      eventReduce: true,
    });
    await created.addCollections({ contacts: { schema: SCHEMA } });
    return created;
  });
  const collection = db['contacts'];
  if (collection === undefined) throw new Error('rxdb: no contacts collection');
  const replication = replicateRxCollection<RxContact, { offset: number }>({
    collection,
    replicationIdentifier: `bench-${databaseName}`,
    live: false,
    autoStart: true,
    retryTime: 1_000_000,
    pull: {
      batchSize: ENGINE_CHUNK,
      handler: async (checkpoint, batchSize) => {
        if (records === null) {
          const book = await provider.fetchBook(connection, fetch);
          const t0 = performance.now();
          const map = provider.decode(book);
          const t1 = performance.now();
          records = map();
          decodeMs += t1 - t0;
          mapMs += performance.now() - t1;
        }
        const t2 = performance.now();
        const offset = checkpoint?.offset ?? 0;
        const documents = records.slice(offset, offset + batchSize).map((r) => ({
          id: r.remoteId,
          version: r.version,
          updatedAt: now,
          ...r.contact,
          ...(r.meta === undefined ? {} : { meta: r.meta }),
          _deleted: false,
        }));
        mapMs += performance.now() - t2;
        return { documents, checkpoint: { offset: offset + documents.length } };
      },
    },
  });
  let failure: unknown = null;
  const subscription = replication.error$.subscribe((error) => {
    failure = error;
  });
  await replication.awaitInitialReplication();
  const total = performance.now() - started;
  subscription.unsubscribe();
  if (failure !== null) throw new Error('rxdb replication failed', { cause: failure });
  const stored = await collection.count().exec();
  await replication.cancel();
  await db.close();
  return {
    total,
    network: meter.ms,
    decode: decodeMs,
    map: mapMs,
    decodeMap: decodeMs + mapMs,
    store: total - meter.ms - decodeMs - mapMs,
    contacts: stored,
    requests: meter.requests,
    // RxDB writes its first batch only after the book has arrived; not measured here.
    firstChunk: Number.NaN,
    firstHeaders: Number.NaN,
    floor: Number.NaN,
  };
}
