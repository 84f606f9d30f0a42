import type { ContactDraft, ContactInput } from '../model/contact.js';
import { EMPTY_DRAFT, pickDraft } from '../model/draft.js';
import { sameJson } from '../merge/same-json.js';
import type { ConflictRow, ContactRow, OutboxEntry, ReplicaDb } from '../replica/schema.js';
import { rowFromRemote } from '../replica/rows.js';
import { positionOf, transition } from '../replica/contact-transitions.js';
import { writeTransition } from '../replica/write-transition.js';
import { storageTransaction } from '../replica/storage-error.js';
import { SyncError, type FieldError } from '../errors.js';
import type { ConflictChoice, ConflictField } from './types.js';
import type { ContactPatch } from '../replica/local-writes.js';
import { CONFLICT_MESSAGES } from '../model/conflict-messages.js';
import { restoreValues } from './restore-values.js';

export interface ConflictActions {
  readonly update: (id: string, patch: ContactPatch) => Promise<unknown>;
  readonly remove: (id: string) => Promise<void>;
  /** The account's rules, so a refused change is not sent again unchanged while it breaks them. */
  readonly check: (draft: ContactDraft) => readonly FieldError[];
}

/** Carries out the user's choice on a conflicts-log record, then removes the record. */
export async function resolveConflict(
  db: ReplicaDb,
  actions: ConflictActions,
  now: number,
  id: number,
  choice: ConflictChoice,
): Promise<void> {
  const record = await db.conflicts.get(id);
  if (record === undefined) throw new SyncError('not-found', 'This conflict was already resolved.');
  const contact = await db.contacts.get(record.contactId);
  const restore = (which: 'localValue' | 'remoteValue') => (draft: ContactDraft) => {
    Object.assign(draft, restoreValues(pickDraft(draft), record.fields, which));
  };

  if (record.kind === 'overwritten' && choice === 'use-remote' && contact !== undefined) {
    await actions.update(record.contactId, restore('remoteValue'));
  } else if ((record.kind === 'unresolved' || record.kind === 'rejected') && choice === 'keep-local') {
    await retry(db, record, actions, now);
  } else if ((record.kind === 'unresolved' || record.kind === 'rejected' || record.kind === 'recreated') && choice === 'use-remote') {
    await dropLocalChange(db, record, now);
  } else if (record.kind === 'delete-undone' && choice === 'keep-local') {
    await actions.remove(record.contactId);
  } else if (record.kind === 'discarded' && choice === 'keep-local' && contact !== undefined) {
    await actions.update(record.contactId, restore('localValue'));
  }
  await db.conflicts.delete(id);
}

async function retry(db: ReplicaDb, record: ConflictRow, actions: ConflictActions, now: number): Promise<void> {
  await inTransaction(db, async () => {
    const entry = await db.outbox.get(record.contactId);
    if (entry === undefined) return;
    const row = await db.contacts.get(record.contactId);
    if (row !== undefined && entry.kind !== 'delete') {
      const errors = actions.check(pickDraft(row));
      if (errors.length > 0) throw new SyncError('invalid-contact', errors.map((e) => e.message).join(' '), { fieldErrors: errors });
    }
    const t = transition(positionOf(record.contactId, row, entry), { type: 'retried' });
    if (t.ok) await writeTransition({ db, contactId: record.contactId, row, at: now }, t);
  });
}

/**
 * Returns the contact to the server's state (the last acknowledged base, or nothing for a create),
 * and leaves a `discarded` record holding what the user had written, so nothing is lost unseen.
 */
async function dropLocalChange(db: ReplicaDb, record: ConflictRow, now: number): Promise<void> {
  await storageTransaction(db, 'rw', [db.contacts, db.outbox, db.conflicts], async () => {
    const entry = await db.outbox.get(record.contactId);
    if (entry === undefined) return;
    const row = await db.contacts.get(record.contactId);
    const t = transition(positionOf(record.contactId, row, entry), { type: 'discarded' });
    if (!t.ok) return;
    const base = entry.base;
    await writeTransition({ db, contactId: record.contactId, row, at: now }, t, (state) =>
      base === null ? undefined : rowFromRemote(record.contactId, base, now, state),
    );
    const fields = discardedFields(row, entry);
    if (fields.length > 0) {
      await db.conflicts.add({ contactId: record.contactId, kind: 'discarded', at: now, fields, message: CONFLICT_MESSAGES.discarded });
    }
  });
}

/** Each top-level field where what the user wrote differs from what the server keeps. */
function discardedFields(row: ContactRow | undefined, entry: OutboxEntry): ConflictField[] {
  if (row === undefined) return [];
  const local = pickDraft(row);
  const remote = entry.base?.contact ?? EMPTY_DRAFT;
  return (Object.keys(local) as (keyof ContactInput & keyof ContactDraft)[])
    .filter((key) => !sameJson(local[key], remote[key]))
    .map((key) => ({ path: key, localValue: local[key], remoteValue: remote[key] }));
}

function inTransaction(db: ReplicaDb, work: () => Promise<void>): Promise<void> {
  return storageTransaction(db, 'rw', [db.contacts, db.outbox], work);
}
