import type { RemoteContact } from '@contactsync/core';
import { ENGINE_CHUNK, type IndexedDbEnv } from '../pipelines/idb.js';
import { openPlainDb, plainRow, type PlainDb } from '../pipelines/plain-loop.js';

/**
 * What the two baseline clients store into: rows of the engine's shape in a Dexie database of the
 * engine's contacts schema, written with plain `bulkPut` in transactions of the engine's chunk size.
 * No outbox, no cursor row, no status, no merge.
 */
export class PlainStore {
  private readonly db: PlainDb;

  constructor(name: string, env: IndexedDbEnv) {
    this.db = openPlainDb(name, env);
  }

  /** A first sync: every record is a new row. */
  async addAll(records: readonly RemoteContact[]): Promise<void> {
    const now = Date.now();
    for (let i = 0; i < records.length; i += ENGINE_CHUNK) {
      const rows = records.slice(i, i + ENGINE_CHUNK).map((r) => plainRow(r, now));
      await this.db.transaction('rw', this.db.contacts, () => this.db.contacts.bulkPut(rows));
    }
  }

  /** A delta: upserts keep the row id of the card they replace; deletions go by remote id. */
  async apply(upserts: readonly RemoteContact[], deletedRemoteIds: readonly string[]): Promise<void> {
    const now = Date.now();
    await this.db.transaction('rw', this.db.contacts, async () => {
      const existing = await this.db.contacts
        .where('remoteId')
        .anyOf([...upserts.map((r) => r.remoteId), ...deletedRemoteIds])
        .toArray();
      const idOf = new Map(existing.map((r) => [r.remoteId, r.id]));
      await this.db.contacts.bulkPut(upserts.map((r) => plainRow(r, now, idOf.get(r.remoteId))));
      const gone = deletedRemoteIds.map((remoteId) => idOf.get(remoteId)).filter((id): id is string => id !== undefined);
      await this.db.contacts.bulkDelete(gone);
    });
  }

  count(): Promise<number> {
    return this.db.contacts.count();
  }

  close(): void {
    this.db.close();
  }
}
