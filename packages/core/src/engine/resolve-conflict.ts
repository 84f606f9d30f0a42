import type { ContactDraft } from '../model/contact.js';
import { pickDraft } from '../model/draft.js';
import { addressKey, categoryKey, emailKey, phoneKey } from '../merge/list-keys.js';
import type { ConflictRow, ReplicaDb } from '../replica/schema.js';
import { rowFromRemote } from '../replica/rows.js';
import { storageTransaction } from '../replica/storage-error.js';
import { SyncError } from '../errors.js';
import type { ConflictChoice, ConflictField } from './types.js';
import type { ContactPatch } from '../replica/local-writes.js';

export interface ConflictActions {
  readonly update: (id: string, patch: ContactPatch) => Promise<unknown>;
  readonly remove: (id: string) => Promise<void>;
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

  if (record.kind === 'overwritten' && choice === 'use-remote' && contact !== undefined) {
    await actions.update(record.contactId, (draft) => {
      Object.assign(draft, restoreRemoteValues(pickDraft(contact), record.fields));
    });
  } else if ((record.kind === 'unresolved' || record.kind === 'rejected') && choice === 'keep-local') {
    await retry(db, record);
  } else if ((record.kind === 'unresolved' || record.kind === 'rejected') && choice === 'use-remote') {
    await dropLocalChange(db, record, now);
  } else if (record.kind === 'recreated' && choice === 'use-remote') {
    await dropLocalChange(db, record, now);
  } else if (record.kind === 'delete-undone' && choice === 'keep-local') {
    await actions.remove(record.contactId);
  }
  await db.conflicts.delete(id);
}

/** The contact with the remote values of `fields` put back in place of the local ones. */
export function restoreRemoteValues(contact: ContactDraft, fields: readonly ConflictField[]): ContactDraft {
  let next: ContactDraft = contact;
  for (const field of fields) {
    const [head, part] = field.path.split('.');
    if (head === 'name' && part !== undefined) next = { ...next, name: { ...next.name, [part]: String(field.remoteValue) } };
    else if (head === 'emails') next = { ...next, emails: replaceItem(next.emails, field, emailKey) };
    else if (head === 'phones') next = { ...next, phones: replaceItem(next.phones, field, phoneKey) };
    else if (head === 'addresses') next = { ...next, addresses: replaceItem(next.addresses, field, addressKey) };
    else if (head === 'categories') next = { ...next, categories: replaceItem(next.categories, field, categoryKey) };
    else if (head !== undefined && head in next) next = { ...next, [head]: String(field.remoteValue) };
  }
  return next;
}

function replaceItem<T>(items: readonly T[], field: ConflictField, key: (item: T) => string): T[] {
  const remote = field.remoteValue as T;
  return items.map((item) => (key(item) === key(remote) ? remote : item));
}

async function retry(db: ReplicaDb, record: ConflictRow): Promise<void> {
  await inTransaction(db, async () => {
    const entry = await db.outbox.get(record.contactId);
    if (entry === undefined) return;
    const { rejection: _rejection, ...rest } = entry;
    await db.outbox.put({ ...rest, status: 'ready' });
    const row = await db.contacts.get(record.contactId);
    if (row !== undefined) await db.contacts.put({ ...row, state: 'pending' });
  });
}

/** Returns the contact to the server's state: the last acknowledged base, or nothing for a create. */
async function dropLocalChange(db: ReplicaDb, record: ConflictRow, now: number): Promise<void> {
  await inTransaction(db, async () => {
    const entry = await db.outbox.get(record.contactId);
    if (entry === undefined) return;
    await db.outbox.delete(record.contactId);
    if (entry.base === null) await db.contacts.delete(record.contactId);
    else await db.contacts.put(rowFromRemote(record.contactId, entry.base, now));
  });
}

function inTransaction(db: ReplicaDb, work: () => Promise<void>): Promise<void> {
  return storageTransaction(db, 'rw', [db.contacts, db.outbox], work);
}
