import { CHILD_COLLECTIONS, HEADERS, type ChildCollection, type WireContact, type WireEmail } from '../wire.js';
import { sec } from './book.js';
import type { Target } from './path.js';
import { empty, headerSecond, written, type EmulatorRequest, type Reply } from './reply.js';
import type { EmulatorState } from './state.js';
import {
  applyPatch,
  childrenOf,
  COLLECTION_KEYS,
  newChild,
  newContact,
  patchChild,
  type StoredChild,
  type StoredContact,
} from './stored.js';
import { checkChild, checkContact } from './validate.js';
import { readChildren, readContacts, readDocument, readElement } from './xml-read.js';

/**
 * POST, PUT and DELETE (docs/windows-live.md §1.2-§1.5). Checks run in this order, all before anything
 * is written: the body's syntax (400), more than one object in a POST (403), stateless rules
 * (400), `If-Unmodified-Since` (412), rules that depend on the stored contact (400: an unknown
 * child ID, an EmailType change), then unique keys and quotas (409).
 */

type Failure = { readonly reply: Reply };
const fail = (status: number): Failure => ({ reply: empty(status) });
const isFailure = (value: unknown): value is Failure => typeof value === 'object' && value !== null && 'reply' in value;

function body(request: EmulatorRequest): { readonly root: string; readonly value: unknown } | Failure {
  const doc = readDocument(request.body);
  return doc.ok ? doc.value : fail(400);
}

/** 412 when the contact changed in a second after `If-Unmodified-Since` (§1.5). */
function precondition(request: EmulatorRequest, contact: StoredContact): Failure | null {
  const since = headerSecond(request.headers[HEADERS.ifUnmodifiedSince.toLowerCase()]);
  if (since === null || sec(contact.changedAt) <= since) return null;
  return { reply: empty(412, { [HEADERS.lastModified]: new Date(sec(contact.changedAt) * 1000).toUTCString() }) };
}

function commit(state: EmulatorState, contact: StoredContact): void {
  state.book.put(contact);
  state.onChange();
}

/** 409 for a write that would add tags beyond the quota (a book already over a lowered quota may keep what it has). */
function overTagQuota(state: EmulatorState, contact: StoredContact): boolean {
  const before = state.book.distinctTags;
  const after = state.book.distinctTagsWith(contact);
  return after > state.quotas.maxTags && after > before;
}

function hasDuplicateEmailType(emails: readonly { readonly EmailType?: string }[]): boolean {
  const types = emails.map((e) => e.EmailType);
  return types.some((t, i) => types.indexOf(t) !== i);
}

function createContact(state: EmulatorState, request: EmulatorRequest, base: string): Reply {
  const doc = body(request);
  if (isFailure(doc)) return doc.reply;
  const read = readContacts(doc.root, doc.value);
  if (!read.ok) return empty(400);
  const [item, ...more] = read.value;
  if (item === undefined) return empty(400);
  if (more.length > 0) return empty(403); // maximum number of inserted objects exceeded
  if (checkContact(item, 'create') !== null) return empty(400);
  if (hasDuplicateEmailType(item.Emails ?? [])) return empty(409);
  if (state.book.size >= state.quotas.maxContacts) return empty(409);
  const now = state.now();
  const contact = newContact(item, () => state.newId(), now);
  if (overTagQuota(state, contact)) return empty(409);
  commit(state, contact);
  return written(201, sec(now), { [HEADERS.location]: `${request.origin}${base}/Contacts/Contact(${contact.id})` });
}

/** A partial PUT of the contact (from its own URL or a single-valued element's). */
function updateContact(state: EmulatorState, request: EmulatorRequest, contact: StoredContact, patch: WireContact): Reply {
  if (checkContact(patch, 'update', contact.id) !== null) return empty(400);
  const stale = precondition(request, contact);
  if (stale !== null) return stale.reply;
  for (const collection of Object.keys(COLLECTION_KEYS) as ChildCollection[]) {
    const stored = childrenOf(contact, collection);
    for (const child of patch[collection] ?? []) {
      const match = stored.find((s) => s.ID.toLowerCase() === child.ID?.toLowerCase());
      if (match === undefined) return empty(400); // an unknown child ID fails the whole PUT (§1.2)
      if ('EmailType' in child && child.EmailType !== undefined && 'EmailType' in match && child.EmailType !== match.EmailType) {
        return empty(400); // the type is set on create only (§1.3)
      }
    }
  }
  const now = state.now();
  const updated = applyPatch(contact, patch, now);
  if (overTagQuota(state, updated)) return empty(409);
  commit(state, updated);
  return written(204, sec(now));
}

function addChild(
  state: EmulatorState,
  request: EmulatorRequest,
  contact: StoredContact,
  collection: ChildCollection,
  base: string,
): Reply {
  const doc = body(request);
  if (isFailure(doc)) return doc.reply;
  const read = readChildren(collection, doc.root, doc.value);
  if (!read.ok) return empty(400);
  const [item, ...more] = read.value;
  if (item === undefined) return empty(400);
  if (more.length > 0) return empty(403);
  if (checkChild(collection, item, 'create', false) !== null) return empty(400);
  const stale = precondition(request, contact);
  if (stale !== null) return stale.reply;
  if (collection === 'Emails' && hasDuplicateEmailType([...contact.emails, item as WireEmail])) return empty(409);
  const now = state.now();
  const child = newChild(collection, item, state.newId());
  commit(state, { ...contact, [COLLECTION_KEYS[collection]]: [...childrenOf(contact, collection), child], changedAt: now });
  const element = CHILD_COLLECTIONS[collection].element;
  return written(201, sec(now), {
    [HEADERS.location]: `${request.origin}${base}/Contacts/Contact(${contact.id})/${collection}/${element}(${child.ID})`,
  });
}

function updateChild(
  state: EmulatorState,
  request: EmulatorRequest,
  contact: StoredContact,
  collection: ChildCollection,
  child: StoredChild,
): Reply {
  const doc = body(request);
  if (isFailure(doc)) return doc.reply;
  const read = readChildren(collection, doc.root, doc.value);
  if (!read.ok || read.value.length !== 1) return empty(400);
  const [item] = read.value;
  if (item === undefined || checkChild(collection, item, 'update', false) !== null) return empty(400);
  if (item.ID !== undefined && item.ID.toLowerCase() !== child.ID.toLowerCase()) return empty(400);
  const stale = precondition(request, contact);
  if (stale !== null) return stale.reply;
  if ('EmailType' in item && item.EmailType !== undefined && 'EmailType' in child && item.EmailType !== child.EmailType) return empty(400);
  const now = state.now();
  const patched = patchChild(child, item as Readonly<Record<string, string | undefined>>);
  const list = childrenOf(contact, collection).map((c) => (c === child ? patched : c));
  commit(state, { ...contact, [COLLECTION_KEYS[collection]]: list, changedAt: now });
  return written(204, sec(now));
}

function removeChild(
  state: EmulatorState,
  request: EmulatorRequest,
  contact: StoredContact,
  collection: ChildCollection,
  child: StoredChild,
): Reply {
  const stale = precondition(request, contact);
  if (stale !== null) return stale.reply;
  const now = state.now();
  const list = childrenOf(contact, collection).filter((c) => c !== child);
  commit(state, { ...contact, [COLLECTION_KEYS[collection]]: list, changedAt: now });
  return written(204, sec(now));
}

function removeContact(state: EmulatorState, request: EmulatorRequest, contact: StoredContact): Reply {
  const stale = precondition(request, contact);
  if (stale !== null) return stale.reply;
  state.book.delete(contact.id);
  state.onChange();
  return written(204, sec(state.now()));
}

/** A write to `target` (method already allowed for it, grant already checked). */
export function write(state: EmulatorState, request: EmulatorRequest, target: Target, base: string): Reply {
  if (target.kind === 'owner') return empty(400); // the Owner's values are read-only (§1.2)
  if (target.kind === 'contacts') return createContact(state, request, base);
  if (target.kind === 'root') return empty(405);
  const contact = state.book.get(target.id);
  if (contact === undefined) return empty(404);
  switch (target.kind) {
    case 'contact': {
      if (request.method === 'DELETE') return removeContact(state, request, contact);
      const doc = body(request);
      if (isFailure(doc)) return doc.reply;
      const read = readContacts(doc.root, doc.value);
      if (!read.ok || doc.root !== 'Contact' || read.value.length !== 1 || read.value[0] === undefined) return empty(400);
      return updateContact(state, request, contact, read.value[0]);
    }
    case 'element': {
      const doc = body(request);
      if (isFailure(doc)) return doc.reply;
      const read = readElement(target.path, doc.root, doc.value);
      return read.ok ? updateContact(state, request, contact, read.value) : empty(400);
    }
    case 'collection':
      return addChild(state, request, contact, target.collection, base);
    case 'child': {
      const child = childrenOf(contact, target.collection).find((c) => c.ID.toLowerCase() === target.childId.toLowerCase());
      if (child === undefined) return empty(404);
      return request.method === 'DELETE'
        ? removeChild(state, request, contact, target.collection, child)
        : updateChild(state, request, contact, target.collection, child);
    }
  }
}
