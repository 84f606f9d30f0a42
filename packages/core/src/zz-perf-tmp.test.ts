import { it } from 'vitest';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { Dexie } from 'dexie';
import { createSyncEngine } from './index.js';
import { FakeContactService } from './testing.js';
import { generateContacts } from '../../adapters/src/fixtures/generate-contacts.js';

it('store path', async () => {
  const N = Number(process.env.N ?? 20000);
  const book = generateContacts(N);
  const fake = new FakeContactService();
  for (const c of book) fake.remoteCreate(c);
  // baseline
  let t0 = performance.now();
  const pulled = await fake.pull({ cursor: null, consistency: 'delta' });
  console.log('fake pull ms', (performance.now()-t0).toFixed(0));
  const records = pulled.kind === 'page' ? pulled.changes.map((c) => (c.kind === 'upsert' ? c.record : null)!) : [];
  let t = performance.now();
  const db = new Dexie('base', { indexedDB: new IDBFactory(), IDBKeyRange }) as Dexie & { contacts: any };
  db.version(1).stores({ contacts: 'id, remoteId' });
  for (let i = 0; i < records.length; i += 2000) {
    const rows = records.slice(i, i + 2000).map((r, j) => ({ ...r.contact, id: `id${i + j}`, remoteId: r.remoteId, version: r.version, updatedAt: 1, state: 'synced' }));
    await db.transaction('rw', db.contacts, () => db.contacts.bulkPut(rows));
  }
  const base = performance.now() - t;
  t = performance.now();
  const engine = await createSyncEngine({ databaseName: 'e', service: fake, indexedDB: new IDBFactory(), IDBKeyRange });
  const report = await engine.sync();
  const eng = performance.now() - t;
  console.log(`N=${N} baseline=${base.toFixed(0)}ms engine=${eng.toFixed(0)}ms ratio=${(eng / base).toFixed(2)} added=${report.pulled.added}`);
}, 600_000);
