import type { ContactSyncState } from '../model/conflict-record.js';
import type { AcceptedTransition, OutboxEffect } from './contact-transitions.js';
import type { ContactRow, ReplicaDb } from './schema.js';

export interface TransitionTarget {
  readonly db: ReplicaDb;
  readonly contactId: string;
  /** The row as read in this transaction (undefined when there is none). */
  readonly row: ContactRow | undefined;
  /** When, for the inbox record a transition leaves. */
  readonly at: number;
}

/**
 * Writes a transition inside the caller's transaction: the row (`content` is the row the event
 * brings, given its new badge; without it only the badge changes; `absent` deletes it), the outbox
 * effect, and the inbox record if the transition leaves one.
 */
export async function writeTransition(
  target: TransitionTarget,
  t: AcceptedTransition,
  content?: (state: ContactSyncState) => ContactRow | undefined,
): Promise<void> {
  const { db, contactId, row } = target;
  if (t.state === 'absent') {
    if (row !== undefined) await db.contacts.delete(contactId);
  } else {
    const next = content ? content(t.state) : row !== undefined && row.state !== t.state ? { ...row, state: t.state } : undefined;
    if (next !== undefined) await db.contacts.put(next);
  }
  await writeOutboxEffect(db, contactId, t.outbox);
  if (t.note !== undefined) await db.conflicts.add({ ...t.note, contactId, at: target.at });
}

/** Writes only what a transition does to the outbox entry (the caller writes the row). */
export async function writeOutboxEffect(db: ReplicaDb, contactId: string, effect: OutboxEffect): Promise<void> {
  if (effect.kind === 'put') await db.outbox.put(effect.entry);
  else if (effect.kind === 'drop') await db.outbox.delete(contactId);
}
