import type { ContactWithState } from '@contactsync/core';
import type { Optimistic } from './optimistic-contacts';

/** What the header says about local changes, from the same replica read as the badges. */
export interface ChangeCounts {
  /** Changes the next sync will send. */
  readonly toSend: number;
  /** Changes the server refused: nothing sends them until the person decides (the inbox). */
  readonly refused: number;
}

/**
 * `outbox` counts every outbox entry (deletes too, which have no contact row); a refused change stays
 * in it but will not be sent, so it is counted apart. Contacts just saved and not yet delivered by the
 * live query count as to send, so the header never says less than the badges show.
 */
export function changeCounts(stored: readonly ContactWithState[], outbox: number, optimistic: Optimistic): ChangeCounts {
  let refused = 0;
  const stateById = new Map<string, ContactWithState['syncState']>();
  for (const contact of stored) {
    stateById.set(contact.id, contact.syncState);
    if (contact.syncState === 'rejected') refused++;
  }
  let unseen = 0;
  for (const [id, saved] of optimistic) if (saved.syncState === 'pending' && stateById.get(id) !== 'pending') unseen++;
  return { toSend: Math.max(0, outbox - refused) + unseen, refused };
}
