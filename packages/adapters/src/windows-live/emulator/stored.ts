import {
  LOCATION_FIELDS,
  PERSONAL_FIELDS,
  PROFESSIONAL_FIELDS,
  type ChildCollection,
  type LocationField,
  type PersonalField,
  type ProfessionalField,
  type WireContact,
  type WireEmail,
  type WireLocation,
  type WirePhone,
} from '../wire.js';

/** A contact as the emulator stores it: every element present, every child with its ID. */

export interface StoredEmail {
  readonly ID: string;
  readonly EmailType: string;
  readonly Address: string;
  readonly IsDefault: string;
}

export interface StoredPhone {
  readonly ID: string;
  readonly PhoneType: string;
  readonly Number: string;
}

export type StoredLocation = { readonly ID: string; readonly LocationType: string } & { readonly [K in LocationField]: string };

export type StoredChild = StoredEmail | StoredPhone | StoredLocation;

export interface StoredContact {
  readonly id: string;
  readonly personal: { readonly [K in PersonalField]: string };
  readonly professional: { readonly [K in ProfessionalField]: string };
  readonly emails: readonly StoredEmail[];
  readonly phones: readonly StoredPhone[];
  readonly locations: readonly StoredLocation[];
  readonly notes: string;
  readonly tags: readonly string[];
  /** Epoch ms of the last change; its second is the contact's `Last-Modified`. */
  readonly changedAt: number;
}

export const COLLECTION_KEYS = { Emails: 'emails', Phones: 'phones', Locations: 'locations' } as const;

export function childrenOf(c: StoredContact, collection: ChildCollection): readonly StoredChild[] {
  return c[COLLECTION_KEYS[collection]];
}

/** A new child from a validated POST body (no ID in it); absent values are empty. */
export function newChild(collection: ChildCollection, wire: WireEmail | WirePhone | WireLocation, id: string): StoredChild {
  const w = wire as Readonly<Record<string, string | undefined>>;
  if (collection === 'Emails')
    return { ID: id, EmailType: w['EmailType'] ?? '', Address: w['Address'] ?? '', IsDefault: w['IsDefault'] ?? 'false' };
  if (collection === 'Phones') return { ID: id, PhoneType: w['PhoneType'] ?? '', Number: w['Number'] ?? '' };
  const location: Record<string, string> = { ID: id, LocationType: w['LocationType'] ?? '' };
  for (const f of LOCATION_FIELDS) location[f] = w[f] ?? '';
  return location as StoredLocation;
}

/** A child with a validated partial PUT applied (its ID and a create-only type stay). */
export function patchChild<T extends StoredChild>(child: T, patch: Readonly<Record<string, string | undefined>>): T {
  const out: Record<string, string> = { ...(child as unknown as Record<string, string>) };
  for (const [key, value] of Object.entries(patch)) if (key !== 'ID' && value !== undefined) out[key] = value;
  return out as unknown as T;
}

/** A new contact from a validated create body. */
export function newContact(wire: WireContact, newId: () => string, now: number): StoredContact {
  const empty = emptyContact(newId(), now);
  return {
    ...applyPatch(empty, { ...wire, Emails: [], Phones: [], Locations: [] }, now),
    emails: (wire.Emails ?? []).map((e) => newChild('Emails', e, newId()) as StoredEmail),
    phones: (wire.Phones ?? []).map((p) => newChild('Phones', p, newId()) as StoredPhone),
    locations: (wire.Locations ?? []).map((l) => newChild('Locations', l, newId()) as StoredLocation),
  };
}

export function emptyContact(id: string, now: number): StoredContact {
  return {
    id,
    personal: Object.fromEntries(PERSONAL_FIELDS.map((f) => [f, ''])) as StoredContact['personal'],
    professional: Object.fromEntries(PROFESSIONAL_FIELDS.map((f) => [f, ''])) as StoredContact['professional'],
    emails: [],
    phones: [],
    locations: [],
    notes: '',
    tags: [],
    changedAt: now,
  };
}

function patchChildren<T extends StoredChild>(
  current: readonly T[],
  patches: readonly (WireEmail | WirePhone | WireLocation)[] | undefined,
): readonly T[] {
  if (patches === undefined) return current;
  return current.map((child) => {
    const patch = patches.find((p) => p.ID !== undefined && p.ID.toLowerCase() === child.ID.toLowerCase());
    return patch === undefined ? child : patchChild(child, patch as Readonly<Record<string, string | undefined>>);
  });
}

/** A validated partial PUT (§1.2): present elements change, children are matched by ID. */
export function applyPatch(c: StoredContact, patch: WireContact, now: number): StoredContact {
  const personal = patch.Profiles?.Personal;
  const professional = patch.Profiles?.Professional;
  return {
    ...c,
    personal: personal === undefined ? c.personal : { ...c.personal, ...definedOnly(personal) },
    professional: professional === undefined ? c.professional : { ...c.professional, ...definedOnly(professional) },
    emails: patchChildren(c.emails, patch.Emails),
    phones: patchChildren(c.phones, patch.Phones),
    locations: patchChildren(c.locations, patch.Locations),
    notes: patch.Notes ?? c.notes,
    tags: patch.Tags === undefined ? c.tags : [...patch.Tags],
    changedAt: now,
  };
}

function definedOnly(o: Readonly<Record<string, string | undefined>>): Record<string, string> {
  return Object.fromEntries(Object.entries(o).filter((e): e is [string, string] => e[1] !== undefined));
}

export function toWire(c: StoredContact): WireContact {
  return {
    ID: c.id,
    Profiles: { Personal: { ...c.personal }, Professional: { ...c.professional } },
    Emails: c.emails.map((e) => ({ ...e })),
    Phones: c.phones.map((p) => ({ ...p })),
    Locations: c.locations.map((l) => ({ ...l })),
    Notes: c.notes,
    Tags: [...c.tags],
  };
}
