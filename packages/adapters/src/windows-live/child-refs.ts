import type { ContactDraft, RecordMeta } from '@contactsync/core';
import { companyLocation, EMAIL_TYPE_TO_WIRE, isAddress } from './mapping.js';
import type { WireContact } from './wire.js';

/**
 * The server ids of a contact's emails, phones and locations, aligned by position with the
 * record's draft lists. Kept in `RemoteContact.meta` so an update can address children without
 * first reading the contact. `null`: not known (a create's 201 names only the contact), and an
 * update that needs it reads the contact first.
 *
 * Emails also keep their wire type: `WindowsLiveID` reads as `other`, and the one-email-per-type
 * rule (§1.3) is about wire types.
 *
 * `locations` are the address locations, aligned with the draft's addresses; `company` is the
 * location the company is kept on (docs/windows-live.md, "Company").
 */
export interface ChildRefs {
  readonly emails: readonly (EmailRef | null)[];
  readonly phones: readonly (string | null)[];
  readonly locations: readonly (string | null)[];
  /** Absent: no location holds a company. */
  readonly company?: CompanyRef;
}

/** The location holding the company: its id (null: not known yet) and, when it is also an address, that address's index. */
export interface CompanyRef {
  readonly id: string | null;
  readonly address: number | null;
}

export interface EmailRef {
  readonly id: string;
  readonly type: string;
}

/** Refs of a contact as received: every child carries its ID. */
export function refsFromWire(c: WireContact): ChildRefs {
  const locations = c.Locations ?? [];
  const addresses = locations.filter(isAddress);
  const carrierIndex = companyLocation(locations);
  const carrier = carrierIndex === null ? undefined : locations[carrierIndex];
  return {
    emails: (c.Emails ?? []).map((e) => (e.ID === undefined ? null : { id: e.ID, type: e.EmailType ?? 'Other' })),
    phones: (c.Phones ?? []).map((p) => p.ID ?? null),
    locations: addresses.map((l) => l.ID ?? null),
    ...(carrier === undefined
      ? {}
      : { company: { id: carrier.ID ?? null, address: isAddress(carrier) ? addresses.indexOf(carrier) : null } }),
  };
}

/** Refs for a draft whose children's ids are not known yet. */
export function unknownRefs(d: ContactDraft): ChildRefs {
  return {
    emails: d.emails.map(() => null),
    phones: d.phones.map(() => null),
    locations: d.addresses.map(() => null),
    ...withCompany(unknownCompany(d)),
  };
}

function withCompany(company: CompanyRef | null): { readonly company?: CompanyRef } {
  return company === null ? {} : { company };
}

/** Where `draftToWire` puts the company: the first work address, else a location of its own. */
function unknownCompany(d: ContactDraft): CompanyRef | null {
  if (d.company === '') return null;
  const work = d.addresses.findIndex((a) => a.type === 'work');
  return { id: null, address: work >= 0 ? work : null };
}

export function refsToMeta(refs: ChildRefs): RecordMeta {
  return {
    emails: refs.emails.map((e) => (e === null ? null : { id: e.id, type: e.type })),
    phones: [...refs.phones],
    locations: [...refs.locations],
    ...(refs.company === undefined ? {} : { company: { id: refs.company.id, address: refs.company.address } }),
  };
}

/**
 * Reads refs back from meta, checked against the draft they belong to. Anything that does not fit
 * (meta from elsewhere, lists of another length) counts as unknown rather than guessed.
 */
export function refsFromMeta(meta: RecordMeta | undefined, d: ContactDraft): ChildRefs {
  const fallback = unknownRefs(d);
  if (meta === undefined) return fallback;
  const emails = ids(meta['emails'], d.emails.length, (v) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return null;
    const o = v as { readonly [key: string]: unknown };
    return typeof o['id'] === 'string' && typeof o['type'] === 'string' ? { id: o['id'], type: o['type'] } : null;
  });
  const phones = ids(meta['phones'], d.phones.length, (v) => (typeof v === 'string' ? v : null));
  const locations = ids(meta['locations'], d.addresses.length, (v) => (typeof v === 'string' ? v : null));
  const company = companyFromMeta(meta['company'], d);
  return {
    emails: emails ?? fallback.emails,
    phones: phones ?? fallback.phones,
    locations: locations ?? fallback.locations,
    ...withCompany(company === undefined ? (fallback.company ?? null) : company),
  };
}

/** `undefined` when meta says nothing usable (records stored before the company moved to a location). */
function companyFromMeta(value: unknown, d: ContactDraft): CompanyRef | null | undefined {
  if (value === undefined) return d.company === '' ? null : undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value) || d.company === '') return undefined;
  const o = value as { readonly [key: string]: unknown };
  const id = o['id'];
  const address = o['address'];
  if (id !== null && typeof id !== 'string') return undefined;
  if (address !== null && !(typeof address === 'number' && Number.isInteger(address) && address >= 0 && address < d.addresses.length))
    return undefined;
  return { id, address };
}

function ids<T>(value: unknown, length: number, read: (v: unknown) => T | null): (T | null)[] | null {
  if (!Array.isArray(value) || value.length !== length) return null;
  return value.map(read);
}

/** The wire type an email of a draft has on the server (its ref's, else the mapped one). */
export function emailWireType(d: ContactDraft, refs: ChildRefs, index: number): string {
  const ref = refs.emails[index];
  const email = d.emails[index];
  return ref?.type ?? (email === undefined ? 'Other' : EMAIL_TYPE_TO_WIRE[email.type]);
}
