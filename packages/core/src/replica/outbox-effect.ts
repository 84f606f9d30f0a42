import type { OutboxEffect } from './contact-transitions.js';
import type { ReplicaDb } from './schema.js';

/** Writes what a transition does to a contact's outbox entry. Run inside the caller's transaction. */
export async function writeOutboxEffect(db: ReplicaDb, contactId: string, effect: OutboxEffect): Promise<void> {
  if (effect.kind === 'put') await db.outbox.put(effect.entry);
  else if (effect.kind === 'drop') await db.outbox.delete(contactId);
}
