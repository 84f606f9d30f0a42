import { INITIAL_SYNC_STATE, type ReplicaDb, type SyncStateRow } from './schema.js';

export async function readSyncState(db: ReplicaDb): Promise<SyncStateRow> {
  return (await db.syncState.get('state')) ?? INITIAL_SYNC_STATE;
}

/** Must run inside a transaction that includes `syncState` when it has to commit with other writes. */
export async function updateSyncState(db: ReplicaDb, change: Partial<Omit<SyncStateRow, 'key'>>): Promise<SyncStateRow> {
  const next: SyncStateRow = { ...(await readSyncState(db)), ...change };
  await db.syncState.put(next);
  return next;
}
