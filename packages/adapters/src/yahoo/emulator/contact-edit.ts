import type { CategoryChange, FieldChange, WireField } from '../wire.js';
import type { Book, StoredContact, StoredField } from './book.js';
import { CODE, failure, type Failure } from './codes.js';
import type { EmulatorLimits } from './limits.js';
import { REQUIRED_ONE_OF, validateCategoryName, validateField } from './validate.js';

/**
 * The working copy of one contact while an `add-contact` or `update-contact` event is checked.
 * Nothing touches the book until the whole event is valid, so a failed event changes nothing (§2.2).
 * Fields that are new or changed carry `rev: 0` until the commit gives them the new rev.
 */
export interface WorkingContact {
  readonly fields: StoredField[];
  readonly catids: number[];
  /** Categories that `add-to-category` names but the book does not have yet: created on commit. */
  readonly newCategories: string[];
}

export function workingCopy(contact: StoredContact | null): WorkingContact {
  return { fields: contact === null ? [] : [...contact.fields], catids: contact === null ? [] : [...contact.catids], newCategories: [] };
}

/** Applies one event's field and category changes to the working copy, or says why not. */
export function applyChanges(
  book: Book,
  limits: EmulatorLimits,
  work: WorkingContact,
  fields: readonly FieldChange[],
  categories: readonly CategoryChange[],
): Failure | null {
  for (const change of fields) {
    if (change.op === 'add') {
      const invalid = validateField(change.field, limits);
      if (invalid !== null) return invalid;
      work.fields.push(stored(book.allocateId(), change.field));
      continue;
    }
    const index = work.fields.findIndex((f) => f.fid === change.fid);
    const target = work.fields[index];
    if (target === undefined) return failure(CODE.UNKNOWN_FIELD, `no field ${change.fid} on this contact`);
    if (change.op === 'remove') {
      work.fields.splice(index, 1);
      continue;
    }
    if (change.field.type !== target.type) {
      return failure(CODE.FIELD_TYPE_MISMATCH, `update-${change.field.type} on ${target.type} field ${change.fid}`);
    }
    if (target.type === 'guid') return failure(CODE.INVALID_GUID_UPDATE, 'a guid field cannot be updated');
    const invalid = validateField(change.field, limits);
    if (invalid !== null) return invalid;
    const next = stored(target.fid, change.field);
    work.fields[index] = sameField(next, target) ? target : next;
  }
  for (const change of categories) {
    const ref = change.ref;
    let catid: number | undefined;
    if ('catid' in ref) {
      if (!book.categories.has(ref.catid)) return failure(CODE.UNKNOWN_CATEGORY, `no category ${ref.catid}`);
      catid = ref.catid;
    } else {
      const invalid = validateCategoryName(ref.name, limits);
      if (invalid !== null) return invalid;
      catid = book.categoryByName(ref.name)?.catid;
      if (catid === undefined) {
        // add-to-category by an unknown name creates the category (docs/yahoo.md: Yahoo's UI did).
        if (change.op === 'remove') return failure(CODE.UNKNOWN_CATEGORY, `no category named ${ref.name}`);
        const key = ref.name.toLowerCase();
        if (!work.newCategories.some((n) => n.toLowerCase() === key)) work.newCategories.push(ref.name);
        continue;
      }
    }
    const at = work.catids.indexOf(catid);
    if (change.op === 'add' && at < 0) work.catids.push(catid);
    if (change.op === 'remove' && at >= 0) work.catids.splice(at, 1);
  }
  return null;
}

function stored(fid: number, field: WireField): StoredField {
  return {
    fid,
    rev: 0,
    type: field.type,
    flags: [...field.flags],
    ...(field.title === undefined ? {} : { title: field.title }),
    ...(field.data === undefined ? {} : { data: field.data }),
    ...(field.parts === undefined ? {} : { parts: { ...field.parts } }),
  };
}

export function sameField(a: StoredField, b: StoredField): boolean {
  return (
    a.type === b.type &&
    a.flags.join() === b.flags.join() &&
    (a.title ?? '') === (b.title ?? '') &&
    (a.data ?? '') === (b.data ?? '') &&
    JSON.stringify(a.parts ?? {}) === JSON.stringify(b.parts ?? {})
  );
}

/** The whole-contact rules, checked after every change of the event applied cleanly. */
export function checkContact(book: Book, limits: EmulatorLimits, work: WorkingContact, cid: number | null): Failure | null {
  if (work.fields.length === 0) return failure(CODE.NO_FIELDS, 'contact has no fields');
  if (!work.fields.some((f) => REQUIRED_ONE_OF.has(f.type)))
    return failure(CODE.MISSING_REQUIRED_FIELD, 'no name, nickname, company, email, yahooid or phone');
  if (work.fields.length > limits.maxFieldsPerContact) return failure(CODE.TOO_MANY_FIELDS, `${work.fields.length} fields`);
  const categoryCount = work.catids.length + work.newCategories.length;
  if (categoryCount > limits.maxCategoriesPerContact)
    return failure(CODE.TOO_MANY_CATEGORIES_ON_CONTACT, `${categoryCount} categories on one contact`);
  if (work.newCategories.length > 0 && book.categories.size + work.newCategories.length > limits.maxCategories) {
    return failure(CODE.TOO_MANY_CATEGORIES, 'book category limit');
  }
  // Only growth is refused, so a book seeded past a limit can still be edited.
  if (categoryCount > (cid === null ? 0 : (book.contacts.get(cid)?.catids.length ?? 0))) {
    let memberships = categoryCount;
    for (const contact of book.contacts.values()) if (contact.cid !== cid) memberships += contact.catids.length;
    if (memberships > limits.maxCategoryMemberships)
      return failure(CODE.TOO_MANY_LABELS, `${memberships} category memberships in the book`);
  }

  const own = (type: 'yahooid' | 'guid') => work.fields.filter((f) => f.type === type).map((f) => (f.data ?? '').trim().toLowerCase());
  const yahooIds = own('yahooid');
  if (new Set(yahooIds).size < yahooIds.length) return failure(CODE.DUPLICATE_YAHOOID, 'the same yahooid twice on one contact');
  const guids = own('guid');
  if (guids.length > 1) return failure(CODE.DUPLICATE_GUID_IN_CONTACT, 'more than one guid on one contact');
  for (const other of book.contacts.values()) {
    if (other.cid === cid) continue;
    for (const field of other.fields) {
      const value = (field.data ?? '').trim().toLowerCase();
      if (field.type === 'yahooid' && yahooIds.includes(value)) {
        return failure(CODE.YAHOOID_IN_OTHER_CONTACT, `yahooid on contact ${other.cid}`, field.data ?? '');
      }
      if (field.type === 'guid' && guids.includes(value))
        return failure(CODE.DUPLICATE_GUID_ACROSS_CONTACTS, `guid on contact ${other.cid}`);
    }
  }
  return null;
}

/**
 * Writes the working copy as one committed change: creates the categories it named, gives new and
 * changed fields the new rev, and records removed fields. Returns the stored contact.
 */
export function commitContact(book: Book, original: StoredContact | null, work: WorkingContact, cid: number): StoredContact {
  const rev = book.commit();
  const catids = [...work.catids];
  for (const name of work.newCategories) {
    const catid = book.allocateId();
    book.categories.set(catid, { catid, name, rev });
    catids.push(catid);
  }
  const fields = work.fields.map((f) => (f.rev === 0 ? { ...f, rev } : f));
  for (const old of original?.fields ?? []) {
    if (!fields.some((f) => f.fid === old.fid)) book.removedFields.set(old.fid, rev);
  }
  const contact: StoredContact = { cid, fields, catids, rev, createdRev: original?.createdRev ?? rev, lmt: book.seconds() };
  book.putContact(contact);
  return contact;
}

/** Whether the working copy differs from the stored contact at all (a no-op update commits nothing). */
export function changedFrom(original: StoredContact, work: WorkingContact): boolean {
  if (work.newCategories.length > 0) return true;
  if (work.catids.length !== original.catids.length || work.catids.some((c, i) => original.catids[i] !== c)) return true;
  if (work.fields.length !== original.fields.length) return true;
  return work.fields.some((f, i) => f !== original.fields[i]);
}
