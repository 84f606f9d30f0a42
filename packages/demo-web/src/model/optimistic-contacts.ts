import type { ContactWithState } from '@contactsync/core';

/** Saved contacts the replica's live query has not delivered yet, by id. */
export type Optimistic = ReadonlyMap<string, ContactWithState>;

/** The newer of the replica's copy and the one just saved (the saved one until the replica catches up). */
export function newest(live: ContactWithState | undefined, saved: ContactWithState | undefined): ContactWithState | undefined {
  if (saved === undefined) return live;
  if (live === undefined || live.updatedAt < saved.updatedAt) return saved;
  return live;
}

/** The list with just-saved contacts in it: replaced where the replica has an older copy, added where it has none. */
export function withOptimistic(contacts: readonly ContactWithState[], optimistic: Optimistic): readonly ContactWithState[] {
  if (optimistic.size === 0) return contacts;
  const seen = new Set<string>();
  const merged = contacts.map((contact) => {
    seen.add(contact.id);
    return newest(contact, optimistic.get(contact.id)) ?? contact;
  });
  for (const [id, contact] of optimistic) if (!seen.has(id)) merged.push(contact);
  return merged;
}

/** Drops the entries the replica has caught up with (same or newer `updatedAt`). */
export function settled(contacts: readonly ContactWithState[], optimistic: Optimistic): Optimistic {
  if (optimistic.size === 0) return optimistic;
  const byId = new Map(contacts.map((c) => [c.id, c]));
  const left = new Map([...optimistic].filter(([id, saved]) => (byId.get(id)?.updatedAt ?? -1) < saved.updatedAt));
  return left.size === optimistic.size ? optimistic : left;
}
