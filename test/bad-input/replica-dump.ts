import { Dexie } from 'dexie';
import { IDBKeyRange } from 'fake-indexeddb';

/** Every table of a replica database as JSON, read without knowing its schema. */
export async function dumpDatabase(name: string, indexedDB: IDBFactory): Promise<Record<string, unknown[]>> {
  const db = new Dexie(name, { indexedDB, IDBKeyRange });
  await db.open();
  const dump: Record<string, unknown[]> = {};
  for (const table of db.tables) dump[table.name] = await table.toArray();
  db.close();
  return dump;
}

/** What must not change when a server answer is refused: contacts, outbox, conflicts and the cursor. */
export function durableState(dump: Record<string, unknown[]>): unknown {
  const state = (dump.syncState?.[0] ?? {}) as { cursor?: unknown };
  return { contacts: dump.contacts, outbox: dump.outbox, conflicts: dump.conflicts, categoryOps: dump.categoryOps, cursor: state.cursor };
}
