import { pickDraft } from '../model/draft.js';
import type { PushOperation } from '../service/contact-service.js';
import type { CategoryOpEntry, ContactRow, OutboxClaim, OutboxEntry, ReplicaDb } from '../replica/schema.js';
import { storageTransaction } from '../replica/storage-error.js';
import { positionOf, transition } from '../replica/contact-transitions.js';
import { writeOutboxEffect } from '../replica/write-transition.js';

/** One operation as sent, with what is needed to apply its outcome afterwards. */
export type SentOperation =
  | { readonly target: 'contact'; readonly op: PushOperation; readonly entry: OutboxEntry }
  | { readonly target: 'category'; readonly op: PushOperation; readonly entry: CategoryOpEntry };

export interface ClaimRequest {
  /** This engine's id for the life of the engine. */
  readonly owner: string;
  readonly now: number;
  /** How long the claim holds if this engine never comes back to release it. */
  readonly leaseMs: number;
  readonly maxItems: number;
  /** Contacts not to send again in this run (they used up their resubmit rounds). */
  readonly skip: ReadonlySet<string>;
}

/** Whether `claim` keeps `owner` from sending: another engine holds it and its lease still runs. */
export function heldByOther(claim: OutboxClaim | undefined, owner: string, now: number): boolean {
  return claim !== undefined && claim.owner !== owner && claim.until > now;
}

/**
 * Claims the next batch to send, in one read-write transaction: a compare-and-set on each entry,
 * so of two engines on one database (two tabs, a page and a worker, with no Web Locks to keep them
 * apart) only one sends an operation; the other skips it. Category operations come first, as
 * contact edits may name the categories they rename, then contact entries oldest first. An entry
 * whose claimant died is free again once its lease has run out.
 *
 * A create is also marked as sent-but-unconfirmed (`ambiguous`, with what was sent) in the same
 * transaction: if the app dies before the answer is stored, or its claim expires, the next sync
 * looks for the contact on the server (adopting it) instead of creating it twice.
 */
export async function claimBatch(db: ReplicaDb, request: ClaimRequest): Promise<SentOperation[]> {
  const claim: OutboxClaim = { owner: request.owner, until: request.now + request.leaseMs };
  const free = (c: OutboxClaim | undefined) => !heldByOther(c, request.owner, request.now);
  return storageTransaction(db, 'rw', [db.contacts, db.outbox, db.categoryOps], async () => {
    const sent: SentOperation[] = [];
    for (const entry of await db.categoryOps.toArray()) {
      if (sent.length >= request.maxItems) return sent;
      if (!free(entry.claim)) continue;
      const claimed = { ...entry, claim };
      await db.categoryOps.put(claimed);
      sent.push({ target: 'category', op: categoryOperation(claimed), entry: claimed });
    }
    const entries = (
      await db.outbox
        .filter((e) => (e.status === 'ready' || e.status === 'conflict') && !request.skip.has(e.contactId) && free(e.claim))
        .toArray()
    ).sort((a, b) => a.enqueuedAt - b.enqueuedAt);
    const rows = await db.contacts.bulkGet(entries.map((e) => e.contactId));
    for (const [i, entry] of entries.entries()) {
      if (sent.length >= request.maxItems) break;
      const row = rows[i];
      const op = contactOperation(entry, row);
      if (op === null) continue;
      const t = transition(positionOf(entry.contactId, row, entry), {
        type: 'claimed',
        claim,
        ...(op.kind === 'create' ? { sent: op.contact } : {}),
      });
      if (!t.ok || t.outbox.kind !== 'put') continue;
      await writeOutboxEffect(db, entry.contactId, t.outbox);
      sent.push({ target: 'contact', op, entry: t.outbox.entry });
    }
    return sent;
  });
}

/** Entries this run could send now, for progress (no claims are taken). */
export async function countSendable(db: ReplicaDb, owner: string, now: number): Promise<number> {
  return storageTransaction(db, 'r', [db.outbox, db.categoryOps], async () => {
    const free = (c: OutboxClaim | undefined) => !heldByOther(c, owner, now);
    const categories = await db.categoryOps.filter((e) => free(e.claim)).count();
    const contacts = await db.outbox.filter((e) => (e.status === 'ready' || e.status === 'conflict') && free(e.claim)).count();
    return categories + contacts;
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
