import type { ContactDraft, RecordMeta } from '@contactsync/core';
import { EMAIL_TYPE_TO_WIRE } from './mapping.js';
import type { WireContact } from './wire.js';

/**
 * The server ids of a contact's emails, phones and locations, aligned by position with the
 * record's draft lists. Kept in `RemoteContact.meta` so an update can address children without
 * first reading the contact. `null`: not known (a create's 201 names only the contact), and an
 * update that needs it reads the contact first.
 *
 * Emails also keep their wire type: `WindowsLiveID` reads as `other`, and the one-email-per-type
 * rule (§1.3) is about wire types.
 */
export interface ChildRefs {
  readonly emails: readonly (EmailRef | null)[];
  readonly phones: readonly (string | null)[];
  readonly locations: readonly (string | null)[];
}

export interface EmailRef {
  readonly id: string;
  readonly type: string;
}

/** Refs of a contact as received: every child carries its ID. */
export function refsFromWire(c: WireContact): ChildRefs {
  return {
    emails: (c.Emails ?? []).map((e) => (e.ID === undefined ? null : { id: e.ID, type: e.EmailType ?? 'Other' })),
    phones: (c.Phones ?? []).map((p) => p.ID ?? null),
    locations: (c.Locations ?? []).map((l) => l.ID ?? null),
  };
}

/** Refs for a draft whose children's ids are not known yet. */
export function unknownRefs(d: ContactDraft): ChildRefs {
  return {
    emails: d.emails.map(() => null),
    phones: d.phones.map(() => null),
    locations: d.addresses.map(() => null),
  };
}

export function refsToMeta(refs: ChildRefs): RecordMeta {
  return {
    emails: refs.emails.map((e) => (e === null ? null : { id: e.id, type: e.type })),
    phones: [...refs.phones],
    locations: [...refs.locations],
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
  return {
    emails: emails ?? fallback.emails,
    phones: phones ?? fallback.phones,
    locations: locations ?? fallback.locations,
  };
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
