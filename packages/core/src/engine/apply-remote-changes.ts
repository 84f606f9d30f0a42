import type { ServiceRules } from '../merge/service-rules.js';
import type { RemoteChange } from '../service/contact-service.js';
import type { ContactRow, OutboxEntry, ReplicaDb } from '../replica/schema.js';
import { storageTransaction } from '../replica/storage-error.js';
import { RemoteChangePlan, type PullCounts } from './remote-change-plan.js';

export interface ApplyContext {
  readonly db: ReplicaDb;
  readonly now: () => number;
  readonly newId: () => string;
  readonly chunkSize: number;
  readonly counts: PullCounts;
  readonly rules: ServiceRules;
  /**
   * Server ids this pull has written, with their local ids. While `replicaWasEmpty` holds, these
   * are the only rows that can match, so a chunk needs no index look-up (the initial sync's path).
   */
  readonly written: Map<string, string>;
  readonly replicaWasEmpty: boolean;
  /**
   * Whether `replicaWasEmpty` still holds: set to false when the replica holds rows this pull did
   * not write (another engine on the same database, e.g. a second tab without Web Locks, pulled
   * at the same time). From then on rows are looked up by server id again.
   */
  readonly emptyStill?: { holds: boolean };
  readonly onChunk?: (applied: number) => void;
}

/**
 * Applies remote changes in transactions of at most `chunkSize` records (fake-indexeddb slows
 * quadratically with requests per transaction; real IndexedDB prefers chunks too). `finalize` runs
 * inside the last chunk's transaction, so the cursor advance commits with the page's last records.
 * Each chunk re-reads the outbox inside its transaction, so local edits made meanwhile are merged.
 */
export async function applyRemoteChanges(
  ctx: ApplyContext,
  changes: readonly RemoteChange[],
  finalize?: () => Promise<void>,
): Promise<void> {
  const { db } = ctx;
  const chunks = Math.max(1, Math.ceil(changes.length / ctx.chunkSize));
  for (let i = 0; i < chunks; i++) {
    const chunk = changes.slice(i * ctx.chunkSize, (i + 1) * ctx.chunkSize);
    const last = i === chunks - 1;
    // Counted per chunk and added once the chunk has committed: a report counts what was stored.
    const counts: PullCounts = { added: 0, updated: 0, removed: 0, merged: 0 };
    await storageTransaction(db, 'rw', [db.contacts, db.outbox, db.conflicts, db.syncState], async () => {
      // Checked inside the transaction: rows another engine commits later see this chunk's rows.
      if (ctx.replicaWasEmpty && ctx.emptyStill?.holds !== false && (await db.contacts.count()) !== ctx.written.size) {
        if (ctx.emptyStill) ctx.emptyStill.holds = false;
      }
      const entries: OutboxEntry[] = (await db.outbox.count()) > 0 ? await db.outbox.toArray() : [];
      const rows = await loadRows(ctx, chunk);
      const plan = new RemoteChangePlan(rows, entries, ctx.now(), ctx.newId, counts, ctx.rules);
      const unsynced = entries.filter((e) => e.status === 'ambiguous' || e.origin !== undefined).map((e) => e.contactId);
      if (unsynced.length > 0) {
        plan.addUnsyncedRows((await db.contacts.bulkGet(unsynced)).filter((r): r is ContactRow => r !== undefined));
      }
      for (const change of chunk) plan.apply(change);
      await write(db, plan);
      for (const change of chunk) {
        const remoteId = change.kind === 'upsert' ? change.record.remoteId : change.remoteId;
        const localId = plan.localIdOf(remoteId);
        if (localId === undefined) ctx.written.delete(remoteId);
        else ctx.written.set(remoteId, localId);
      }
      if (last && finalize) await finalize();
    });
    ctx.counts.added += counts.added;
    ctx.counts.updated += counts.updated;
    ctx.counts.removed += counts.removed;
    ctx.counts.merged += counts.merged;
    ctx.onChunk?.(chunk.length);
  }
}

async function loadRows(ctx: ApplyContext, chunk: readonly RemoteChange[]): Promise<ContactRow[]> {
  const remoteIds = chunk.map((c) => (c.kind === 'upsert' ? c.record.remoteId : c.remoteId));
  if (ctx.replicaWasEmpty && ctx.emptyStill?.holds === true) {
    const localIds = remoteIds.map((id) => ctx.written.get(id)).filter((id): id is string => id !== undefined);
    if (localIds.length === 0) return [];
    return (await ctx.db.contacts.bulkGet(localIds)).filter((r): r is ContactRow => r !== undefined);
  }
  // One point look-up per id: `anyOf` walks the index between the smallest and largest id, which
  // in fake-indexeddb costs time in proportion to the whole replica, not to the changes.
  const found = await Promise.all(remoteIds.map((id) => ctx.db.contacts.where('remoteId').equals(id).first()));
  return found.filter((r): r is ContactRow => r !== undefined);
}

async function write(db: ReplicaDb, plan: RemoteChangePlan): Promise<void> {
  if (plan.rowDeletes.size > 0) await db.contacts.bulkDelete([...plan.rowDeletes]);
  if (plan.rowPuts.size > 0) await db.contacts.bulkPut([...plan.rowPuts.values()]);
  if (plan.entryDeletes.size > 0) await db.outbox.bulkDelete([...plan.entryDeletes]);
  if (plan.entryPuts.size > 0) await db.outbox.bulkPut([...plan.entryPuts.values()]);
  if (plan.clearedRejections.size > 0) {
    await db.conflicts
      .where('contactId')
      .anyOf([...plan.clearedRejections])
      .and((c) => c.kind === 'rejected')
      .delete();
  }
  if (plan.conflicts.length > 0) await db.conflicts.bulkAdd(plan.conflicts);
}
