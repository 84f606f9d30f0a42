import type { Contact } from '../model/contact.js';
import { pickDraft } from '../model/draft.js';
import type { RemoteContact } from '../service/contact-service.js';
import type { ContactRow } from './schema.js';

/**
 * The public view of a row: the draft, its id and time, nothing of sync. Not a deep copy: rows read
 * from IndexedDB are fresh structured clones already, and `list()` is a hot path.
 */
export function toContact(row: ContactRow): Contact {
  return {
    id: row.id,
    updatedAt: row.updatedAt,
    name: row.name,
    nickname: row.nickname,
    company: row.company,
    jobTitle: row.jobTitle,
    notes: row.notes,
    birthday: row.birthday,
    emails: row.emails,
    phones: row.phones,
    addresses: row.addresses,
    categories: row.categories,
  };
}

/** The server record a synced row stands for, as a merge base. Null for a never-synced row. */
export function remoteOf(row: ContactRow): RemoteContact | null {
  if (row.remoteId === undefined || row.version === undefined) return null;
  return {
    remoteId: row.remoteId,
    version: row.version,
    contact: pickDraft(row),
    ...(row.meta === undefined ? {} : { meta: row.meta }),
  };
}

/**
 * A row holding a server record's content and identity, with the badge a transition gave it
 * (contact-transitions.ts). The record's parts are used as they are, not copied: adapters hand
 * over freshly decoded objects, and this is the initial sync's hot path.
 */
export function rowFromRemote(id: string, record: RemoteContact, updatedAt: number, state: ContactRow['state']): ContactRow {
  const c = record.contact;
  const row: ContactRow = {
    id,
    updatedAt,
    state,
    remoteId: record.remoteId,
    version: record.version,
    name: c.name,
    nickname: c.nickname,
    company: c.company,
    jobTitle: c.jobTitle,
    notes: c.notes,
    birthday: c.birthday,
    emails: c.emails,
    phones: c.phones,
    addresses: c.addresses,
    categories: c.categories,
  };
  return record.meta === undefined ? row : { ...row, meta: record.meta };
}

/** Keeps a row's content but points it at another server record (after a push or a merge). */
export function rebaseRow(row: ContactRow, record: RemoteContact | null): ContactRow {
  const { remoteId: _r, version: _v, meta: _m, ...rest } = row;
  if (record === null) return rest;
  return {
    ...rest,
    remoteId: record.remoteId,
    version: record.version,
    ...(record.meta === undefined ? {} : { meta: record.meta }),
  };
}
