import { pickDraft } from '../model/draft.js';
import type { PushOperation } from '../service/contact-service.js';
import type { CategoryOpEntry, ContactRow, OutboxEntry, ReplicaDb } from '../replica/schema.js';
import { storageTransaction } from '../replica/storage-error.js';

/** One operation as sent, with what is needed to apply its outcome afterwards. */
export type SentOperation =
  | { readonly target: 'contact'; readonly op: PushOperation; readonly entry: OutboxEntry }
  | { readonly target: 'category'; readonly op: PushOperation; readonly entry: CategoryOpEntry };

/**
 * Reads what is ready to send in one short read transaction (never held across the request):
 * category operations first, as contact edits may name the categories they rename, then contact
 * entries oldest first. An entry that hit the resubmit cap in an earlier run is tried again; `skip`
 * holds the contacts that used up their rounds in this one.
 */
export async function readReadyOperations(db: ReplicaDb, skip: ReadonlySet<string>): Promise<SentOperation[]> {
  return storageTransaction(db, 'r', [db.contacts, db.outbox, db.categoryOps], async () => {
    const categoryOps = await db.categoryOps.toArray();
    const entries = (await db.outbox.filter((e) => (e.status === 'ready' || e.status === 'conflict') && !skip.has(e.contactId)).toArray()).sort(
      (a, b) => a.enqueuedAt - b.enqueuedAt,
    );
    const rows = await db.contacts.bulkGet(entries.map((e) => e.contactId));
    const sent: SentOperation[] = categoryOps.map((entry) => ({ target: 'category', op: categoryOperation(entry), entry }));
    entries.forEach((entry, i) => {
      const op = contactOperation(entry, rows[i]);
      if (op !== null) sent.push({ target: 'contact', op, entry });
    });
    return sent;
  });
}

function categoryOperation(entry: CategoryOpEntry): PushOperation {
  const opId = `category:${entry.id ?? 0}`;
  return entry.kind === 'rename-category'
    ? { kind: 'rename-category', opId, from: entry.from, to: entry.to }
    : { kind: 'remove-category', opId, name: entry.from };
}

function contactOperation(entry: OutboxEntry, row: ContactRow | undefined): PushOperation | null {
  const opId = entry.contactId;
  if (entry.kind === 'delete') return entry.base === null ? null : { kind: 'delete', opId, base: entry.base };
  if (row === undefined) return null;
  if (entry.kind === 'create' || entry.base === null) return { kind: 'create', opId, contact: pickDraft(row) };
  return { kind: 'update', opId, base: entry.base, contact: pickDraft(row) };
}
