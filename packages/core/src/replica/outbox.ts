import type { ContactRow, OutboxEntry } from './schema.js';
import { remoteOf } from './rows.js';

/**
 * Outbox coalescing: several local edits to one contact before a sync become one entry, and the
 * merge base captured by the first edit is kept. Pure functions of (entry, row before the edit).
 */

/** The entry after a local create or edit of `before` (undefined for a new contact). */
export function entryAfterEdit(
  entry: OutboxEntry | undefined,
  before: ContactRow | undefined,
  contactId: string,
  now: number,
): OutboxEntry {
  if (entry !== undefined) {
    // A refused or stuck change that the user edits again is worth sending again.
    const status = entry.status === 'rejected' || entry.status === 'conflict' ? 'ready' : entry.status;
    const { rejection: _rejection, ...rest } = entry;
    return { ...rest, seq: entry.seq + 1, status };
  }
  const base = before === undefined ? null : remoteOf(before);
  return {
    contactId,
    kind: base === null ? 'create' : 'update',
    base,
    seq: 1,
    status: 'ready',
    enqueuedAt: now,
  };
}

/** The entry after a local delete, or null when the server never saw the contact. */
export function entryAfterRemove(entry: OutboxEntry | undefined, before: ContactRow, now: number): OutboxEntry | null {
  if (entry === undefined) {
    const base = remoteOf(before);
    if (base === null) return null;
    return { contactId: before.id, kind: 'delete', base, seq: 1, status: 'ready', enqueuedAt: now };
  }
  const { rejection: _rejection, ...rest } = entry;
  if (entry.kind === 'create' && entry.status !== 'ambiguous') return null;
  // An update's base is the server record to delete; an ambiguous create keeps `sent`, so a later
  // pull that finds it on the server deletes it there too.
  return { ...rest, kind: 'delete', seq: entry.seq + 1, status: entry.status === 'ambiguous' ? 'ambiguous' : 'ready' };
}
