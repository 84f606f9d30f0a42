import type { CategoryRef, RequestEvent, WireResult } from '../wire.js';
import type { Book, StoredCategory } from './book.js';
import { CODE, failure, type Failure } from './codes.js';
import { applyChanges, changedFrom, checkContact, commitContact, workingCopy } from './contact-edit.js';
import { findDuplicates } from './duplicates.js';
import type { EmulatorLimits } from './limits.js';
import type { ParsedEvent } from './request-model.js';
import { validateCategoryName } from './validate.js';

export interface ApplyContext {
  readonly book: Book;
  /** The client's `myrev`; 0 turns the revision checks off (§2.2). */
  readonly myrev: number;
  readonly limits: EmulatorLimits;
  readonly strictDuplicates: boolean;
  /** A nested failure the control plane forces on this event, if any. */
  readonly forced: (event: ParsedEvent, index: number) => Failure | null;
}

/**
 * Applies a request's events in order, each on its own: a failed event changes nothing and the
 * others still apply. Returns exactly one result per event, in request order (§2.3).
 */
export function applyEvents(ctx: ApplyContext, events: readonly ParsedEvent[]): WireResult[] {
  return events.map((event, index): WireResult => {
    const forced = ctx.forced(event, index);
    const outcome = forced ?? (event.type === 'invalid' ? event.failure : applyOne(ctx, event));
    return 'code' in outcome ? { type: 'error', ...outcome } : outcome;
  });
}

type Success = Extract<WireResult, { type: 'success' }>;

function applyOne(ctx: ApplyContext, event: RequestEvent): Success | Failure {
  switch (event.type) {
    case 'add-contact':
      return addContact(ctx, event);
    case 'update-contact':
      return updateContact(ctx, event);
    case 'remove-contact': {
      const contact = ctx.book.contacts.get(event.cid);
      if (contact === undefined) return failure(CODE.UNKNOWN_CONTACT, `no contact ${event.cid}`);
      if (ctx.myrev > 0 && contact.rev > ctx.myrev) return failure(CODE.CONTACT_REVISION, `cid ${event.cid} changed at rev ${contact.rev}`);
      ctx.book.removeContact(event.cid, ctx.book.commit());
      return { type: 'success' };
    }
    case 'add-category':
      return addCategory(ctx, event.name);
    case 'rename-category':
      return renameCategory(ctx, event.old, event.name);
    case 'remove-category': {
      const found = findCategory(ctx, event.ref);
      if ('code' in found) return found;
      ctx.book.commit();
      ctx.book.removeCategory(found.catid);
      return { type: 'success' };
    }
  }
}

function addContact(ctx: ApplyContext, event: Extract<RequestEvent, { type: 'add-contact' }>): Success | Failure {
  const { book, limits } = ctx;
  if (book.contacts.size >= limits.maxContacts) return failure(CODE.TOO_MANY_CONTACTS, `book holds ${book.contacts.size} contacts`);
  const work = workingCopy(null);
  const invalid = applyChanges(book, limits, work, event.fields, event.categories) ?? checkContact(book, limits, work, null);
  if (invalid !== null) return invalid;

  const duplicates = findDuplicates(work.fields, book.contacts.values());
  if (ctx.strictDuplicates && duplicates.length > 0) return duplicateFailure(duplicates);
  const identical = duplicates.find((d) => d.relation === 'equal');
  if (identical !== undefined) {
    // Folded into the existing identical contact, which gains the new contact's categories.
    const existing = book.contacts.get(identical.cid);
    if (existing === undefined) return failure(CODE.INVALID_REQUEST, 'duplicate index out of date');
    const merged = workingCopy(existing);
    for (const catid of work.catids) if (!merged.catids.includes(catid)) merged.catids.push(catid);
    merged.newCategories.push(...work.newCategories);
    const invalidMerge = checkContact(book, limits, merged, existing.cid);
    if (invalidMerge !== null) return invalidMerge;
    if (changedFrom(existing, merged)) commitContact(book, existing, merged, existing.cid);
    return { type: 'success', addAction: 'merge', cid: existing.cid };
  }
  const cid = book.allocateId();
  commitContact(book, null, work, cid);
  return { type: 'success', addAction: 'add', cid };
}

function duplicateFailure(duplicates: readonly { cid: number; relation: 'equal' | 'subset' | 'superset' }[]): Failure {
  const [first] = duplicates;
  const cids = duplicates.map((d) => d.cid).join(', ');
  if (duplicates.length > 1 || first === undefined) return failure(CODE.DUPLICATE_SEVERAL, `duplicates contacts ${cids}`);
  const code =
    first.relation === 'equal' ? CODE.DUPLICATE_EQUAL : first.relation === 'subset' ? CODE.DUPLICATE_SUBSET : CODE.DUPLICATE_SUPERSET;
  return failure(code, `${first.relation} of contact ${first.cid}`);
}

function updateContact(ctx: ApplyContext, event: Extract<RequestEvent, { type: 'update-contact' }>): Success | Failure {
  const { book, limits, myrev } = ctx;
  const contact = book.contacts.get(event.cid);
  if (contact === undefined) return failure(CODE.UNKNOWN_CONTACT, `no contact ${event.cid}`);
  if (myrev > 0 && contact.rev > myrev) {
    // -40904 when every field the event updates or removes is itself newer than myrev; else -40902.
    const touched = event.fields.flatMap((c) => (c.op === 'add' ? [] : [c.fid]));
    const onlyChangedFields = touched.length > 0 && touched.every((fid) => book.fieldChangedAfter(contact, fid, myrev));
    return onlyChangedFields
      ? failure(CODE.FIELD_REVISION, `fields ${touched.join(', ')} of cid ${event.cid} changed after rev ${myrev}`)
      : failure(CODE.CONTACT_REVISION, `cid ${event.cid} changed at rev ${contact.rev}`);
  }
  const work = workingCopy(contact);
  const invalid = applyChanges(book, limits, work, event.fields, event.categories) ?? checkContact(book, limits, work, contact.cid);
  if (invalid !== null) return invalid;
  if (ctx.strictDuplicates) {
    const duplicates = findDuplicates(work.fields, book.contacts.values(), contact.cid);
    if (duplicates.length > 0) return duplicateFailure(duplicates);
  }
  if (changedFrom(contact, work)) commitContact(book, contact, work, contact.cid);
  return { type: 'success' };
}

function findCategory(ctx: ApplyContext, ref: CategoryRef): StoredCategory | Failure {
  const category = 'catid' in ref ? ctx.book.categories.get(ref.catid) : ctx.book.categoryByName(ref.name);
  if (category === undefined) return failure(CODE.UNKNOWN_CATEGORY, `no category ${'catid' in ref ? ref.catid : ref.name}`);
  if (ctx.myrev > 0 && category.rev > ctx.myrev) {
    return failure(CODE.CATEGORY_REVISION, `category ${category.catid} changed at rev ${category.rev}`);
  }
  return category;
}

function addCategory(ctx: ApplyContext, name: string): Success | Failure {
  const { book, limits } = ctx;
  const invalid = validateCategoryName(name, limits);
  if (invalid !== null) return invalid;
  if (book.categoryByName(name) !== undefined) return failure(CODE.DUPLICATE_CATEGORY_NAME, `category ${name} exists`, name);
  if (book.categories.size >= limits.maxCategories) return failure(CODE.TOO_MANY_CATEGORIES, 'book category limit');
  const catid = book.allocateId();
  book.categories.set(catid, { catid, name, rev: book.commit() });
  return { type: 'success', catid };
}

function renameCategory(ctx: ApplyContext, ref: CategoryRef, name: string): Success | Failure {
  const found = findCategory(ctx, ref);
  if ('code' in found) return found;
  const invalid = validateCategoryName(name, ctx.limits);
  if (invalid !== null) return invalid;
  const clash = ctx.book.categoryByName(name);
  if (clash !== undefined && clash.catid !== found.catid) return failure(CODE.DUPLICATE_CATEGORY_NAME, `category ${name} exists`, name);
  if (found.name !== name) ctx.book.categories.set(found.catid, { catid: found.catid, name, rev: ctx.book.commit() });
  return { type: 'success', catid: found.catid };
}
