import type { Address, ContactDraft, Email, Phone } from '@contactsync/core';
import { emailWireType, type ChildRefs, type EmailRef } from './child-refs.js';
import { planCompany } from './company-plan.js';
import { addressToWire, EMAIL_TYPE_TO_WIRE, emailToWire, phoneToWire } from './mapping.js';
import { duplicateEmailType } from './rejections.js';
import type { ChildCollection, WireContact, WireEmail, WireLocation, WirePersonal, WirePhone, WireProfessional } from './wire.js';

/**
 * Plans an update as Windows Live requests (docs/windows-live.md §1.2): one partial PUT of the contact
 * (changed profile fields, notes, tags, and changed children addressed by ID), then a DELETE per
 * removed child and a POST per added one. An email's type is set on create only (§1.3), so an
 * email whose type changed is a removal plus an addition. Pure.
 */

export type WireChild = WireEmail | WirePhone | WireLocation;

export interface ChildRemoval {
  readonly collection: ChildCollection;
  readonly id: string;
}

export interface ChildAddition {
  readonly collection: ChildCollection;
  readonly child: WireChild;
  /** Index in the new draft's list, where the created child's id goes; `company`: the location holding only the company. */
  readonly position: number | 'company';
}

export interface UpdatePlan {
  readonly kind: 'plan';
  /** The PUT body; `{}` when only children are added or removed (it still guards the write). */
  readonly put: WireContact;
  readonly removals: readonly ChildRemoval[];
  readonly additions: readonly ChildAddition[];
  /** Refs of the new draft; additions' entries are null until their POST answers. */
  readonly refs: ChildRefs;
  /** True when nothing the service stores differs (e.g. only `name.prefix` changed). */
  readonly empty: boolean;
  /** A wire email type the new draft would hold twice (the service answers 409), or null. */
  readonly duplicateEmailType: string | null;
}

/** The plan needs ids of children the record's meta does not know: read the contact first. */
export interface NeedsIds {
  readonly kind: 'needs-ids';
}

type Same<T> = (a: T, b: T) => boolean;

interface Pairing {
  /** For each new item, the base index it continues, or null when it is new. */
  readonly baseOf: readonly (number | null)[];
  readonly removed: readonly number[];
}

/** Greedy pairing in passes from strictest to loosest, so unchanged children stay untouched. */
function pair<T>(base: readonly T[], next: readonly T[], passes: readonly Same<T>[]): Pairing {
  const baseOf: (number | null)[] = next.map(() => null);
  const taken = new Set<number>();
  for (const same of passes) {
    next.forEach((item, i) => {
      if (baseOf[i] !== null) return;
      const j = base.findIndex((b, k) => !taken.has(k) && same(b, item));
      if (j >= 0) {
        baseOf[i] = j;
        taken.add(j);
      }
    });
  }
  return { baseOf, removed: base.map((_, k) => k).filter((k) => !taken.has(k)) };
}

const sameEmail: Same<Email> = (a, b) => a.type === b.type && a.address === b.address;
const samePhone: Same<Phone> = (a, b) => a.type === b.type && a.number === b.number;
const sameAddress: Same<Address> = (a, b) =>
  a.type === b.type &&
  a.street === b.street &&
  a.city === b.city &&
  a.region === b.region &&
  a.postalCode === b.postalCode &&
  a.country === b.country;
const sameType: Same<{ readonly type: string }> = (a, b) => a.type === b.type;
const anyItem: Same<unknown> = () => true;

/** The wire fields of `next` that differ from `base`, with the child's ID. */
function changedFields<T extends { readonly [key: string]: string | undefined }>(id: string, base: T, next: T): T {
  const out: { [key: string]: string | undefined } = { ID: id };
  for (const [key, value] of Object.entries(next)) if (base[key] !== value) out[key] = value;
  return out as T;
}

function changedProfile<T extends Record<string, string>>(base: T, next: T): Partial<T> | undefined {
  const out = Object.fromEntries(Object.entries(next).filter(([k, v]) => base[k] !== v)) as Partial<T>;
  return Object.keys(out).length > 0 ? out : undefined;
}

interface CollectionPlan<R> {
  readonly changed: readonly WireChild[];
  readonly removals: readonly ChildRemoval[];
  readonly additions: readonly ChildAddition[];
  readonly refs: readonly (R | null)[];
  readonly baseOf: readonly (number | null)[];
  readonly removed: readonly number[];
}

function planCollection<T, R>(
  collection: ChildCollection,
  base: readonly T[],
  next: readonly T[],
  baseRefs: readonly (R | null)[],
  passes: readonly Same<T>[],
  idOf: (ref: R) => string,
  toWire: (item: T) => WireChild,
): CollectionPlan<R> | NeedsIds {
  const { baseOf, removed } = pair(base, next, passes);
  const changed: WireChild[] = [];
  const additions: ChildAddition[] = [];
  const refs: (R | null)[] = [];
  for (const [i, item] of next.entries()) {
    const j = baseOf[i] ?? null;
    if (j === null) {
      additions.push({ collection, child: toWire(item), position: i });
      refs.push(null);
      continue;
    }
    const ref = baseRefs[j] ?? null;
    refs.push(ref);
    if (passes[0]?.(base[j] as T, item) === true) continue; // unchanged: nothing to send
    if (ref === null) return { kind: 'needs-ids' };
    const before = toWire(base[j] as T) as { readonly [key: string]: string | undefined };
    const after = toWire(item) as { readonly [key: string]: string | undefined };
    changed.push(changedFields(idOf(ref), before, after));
  }
  const removals: ChildRemoval[] = [];
  for (const j of removed) {
    const ref = baseRefs[j] ?? null;
    if (ref === null) return { kind: 'needs-ids' };
    removals.push({ collection, id: idOf(ref) });
  }
  return { changed, removals, additions, refs, baseOf, removed };
}

function isNeedsIds(value: object): value is NeedsIds {
  return 'kind' in value && value.kind === 'needs-ids';
}

/** Plans the requests that turn `base` (with its child refs) into `next`. */
export function planUpdate(base: ContactDraft, refs: ChildRefs, next: ContactDraft): UpdatePlan | NeedsIds {
  // Emails pair by type at most (the type is create-only), so a changed email's PUT entry never
  // carries EmailType: changedFields leaves out what is equal.
  const emails = planCollection('Emails', base.emails, next.emails, refs.emails, [sameEmail, sameType], (r: EmailRef) => r.id, emailToWire);
  if (isNeedsIds(emails)) return emails;
  const phones = planCollection(
    'Phones',
    base.phones,
    next.phones,
    refs.phones,
    [samePhone, sameType, anyItem],
    (r: string) => r,
    phoneToWire,
  );
  if (isNeedsIds(phones)) return phones;
  const locations = planCollection(
    'Locations',
    base.addresses,
    next.addresses,
    refs.locations,
    [sameAddress, sameType, anyItem],
    (r: string) => r,
    addressToWire,
  );
  if (isNeedsIds(locations)) return locations;
  const company = planCompany(base, next, refs, locations);
  if (company.kind === 'needs-ids') return company;
  const locationChanges = withCompanyNames(locations.changed, company.changes);

  const personal = changedProfile<Required<WirePersonal>>(
    {
      FirstName: base.name.given,
      MiddleName: base.name.middle,
      LastName: base.name.family,
      NickName: base.nickname,
      Birthdate: base.birthday,
    },
    {
      FirstName: next.name.given,
      MiddleName: next.name.middle,
      LastName: next.name.family,
      NickName: next.nickname,
      Birthdate: next.birthday,
    },
  );
  const professional = changedProfile<Required<Pick<WireProfessional, 'JobTitle'>>>(
    { JobTitle: base.jobTitle },
    { JobTitle: next.jobTitle },
  );
  const tagsChanged = base.categories.length !== next.categories.length || base.categories.some((c, i) => next.categories[i] !== c);
  const put: WireContact = {
    ...(personal !== undefined || professional !== undefined
      ? { Profiles: { ...(personal ? { Personal: personal } : {}), ...(professional ? { Professional: professional } : {}) } }
      : {}),
    ...(emails.changed.length > 0 ? { Emails: emails.changed } : {}),
    ...(phones.changed.length > 0 ? { Phones: phones.changed } : {}),
    ...(locationChanges.length > 0 ? { Locations: locationChanges } : {}),
    ...(base.notes !== next.notes ? { Notes: next.notes } : {}),
    ...(tagsChanged ? { Tags: [...next.categories] } : {}),
  };
  const removals = [...emails.removals, ...phones.removals, ...locations.removals];
  if (company.removal !== null) removals.push({ collection: 'Locations', id: company.removal });
  const additions = [...emails.additions, ...phones.additions, ...locations.additions];
  if (company.addition !== null) additions.push({ collection: 'Locations', child: company.addition, position: 'company' });
  const emailTypes = next.emails.map((e, i) => {
    const j = emails.baseOf[i] ?? null;
    return j === null ? EMAIL_TYPE_TO_WIRE[e.type] : emailWireType(base, refs, j);
  });
  const wireRefs: ChildRefs = {
    emails: emails.refs,
    phones: phones.refs,
    locations: locations.refs,
    ...(company.ref === undefined ? {} : { company: company.ref }),
  };
  return {
    kind: 'plan',
    put,
    removals,
    additions,
    refs: wireRefs,
    empty: Object.keys(put).length === 0 && removals.length === 0 && additions.length === 0,
    duplicateEmailType: duplicateEmailType(emailTypes),
  };
}

/** The PUT's location entries with the company's new `CompanyName` merged in (one entry per location id). */
function withCompanyNames(changed: readonly WireLocation[], names: ReadonlyMap<string, string>): WireLocation[] {
  const out = changed.map((l) => (l.ID !== undefined && names.has(l.ID) ? { ...l, CompanyName: names.get(l.ID) ?? '' } : l));
  for (const [id, name] of names) if (!changed.some((l) => l.ID === id)) out.push({ ID: id, CompanyName: name });
  return out;
}
