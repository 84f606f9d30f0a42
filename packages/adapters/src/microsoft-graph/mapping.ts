import {
  EMPTY_DRAFT,
  type Address,
  type AddressType,
  type ContactDraft,
  type Email,
  type Phone,
  type RecordMeta,
  type RemoteContact,
} from '@contactsync/core';
import type { GraphAddress, GraphContact, GraphEmail } from './wire.js';

/**
 * Graph contact <-> core draft (docs/microsoft-graph.md, "Field model"). Pure. Properties this
 * client does not map (children, imAddresses, department, ...) are never written, so a PATCH built
 * by `patchBody` leaves them as they are on the server.
 */

const ADDRESS_PROPERTY = { home: 'homeAddress', work: 'businessAddress', other: 'otherAddress' } as const satisfies Record<
  AddressType,
  string
>;

const t = (value: string | null | undefined): string => value ?? '';

function addressFromWire(type: AddressType, a: GraphAddress | null | undefined): Address | null {
  if (a === null || a === undefined) return null;
  const address: Address = {
    type,
    street: t(a.street),
    city: t(a.city),
    region: t(a.state),
    postalCode: t(a.postalCode),
    country: t(a.countryOrRegion),
  };
  return address.street || address.city || address.region || address.postalCode || address.country ? address : null;
}

/** A DateTimeOffset to `YYYY-MM-DD`: the UTC date, as Graph documents birthdays as UTC timestamps. */
export function birthdayFromWire(value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  const match = /^(\d{4}-\d{2}-\d{2})T/.exec(value);
  return match?.[1] ?? '';
}

/** The draft of a complete Graph contact (absent properties read as unset). */
export function draftFromWire(c: GraphContact): ContactDraft {
  const phones: Phone[] = [];
  if (c.mobilePhone) phones.push({ type: 'mobile', number: c.mobilePhone });
  for (const number of c.businessPhones ?? []) if (number !== '') phones.push({ type: 'work', number });
  for (const number of c.homePhones ?? []) if (number !== '') phones.push({ type: 'home', number });
  const addresses = (['home', 'work', 'other'] as const).flatMap((type) => addressFromWire(type, c[ADDRESS_PROPERTY[type]]) ?? []);
  return {
    ...EMPTY_DRAFT,
    name: { given: t(c.givenName), middle: t(c.middleName), family: t(c.surname), prefix: t(c.title), suffix: t(c.generation) },
    nickname: t(c.nickName),
    company: t(c.companyName),
    jobTitle: t(c.jobTitle),
    notes: t(c.personalNotes),
    birthday: birthdayFromWire(c.birthday),
    emails: (c.emailAddresses ?? []).flatMap((e): Email[] => (e.address ? [{ type: 'personal', address: e.address }] : [])),
    phones,
    addresses,
    categories: [...(c.categories ?? [])],
  };
}

/**
 * The display names Graph keeps beside email addresses, which the draft has no place for: kept in
 * the record's meta so a PATCH of `emailAddresses` (which replaces the whole list) writes them back.
 */
export function metaFromWire(c: GraphContact): RecordMeta | undefined {
  const names = (c.emailAddresses ?? []).flatMap((e) =>
    e.address && e.name && e.name !== e.address ? [[e.address.toLowerCase(), e.name]] : [],
  );
  return names.length > 0 ? { emailNames: names } : undefined;
}

export function recordFromWire(c: GraphContact, version: string): RemoteContact {
  const meta = metaFromWire(c);
  return meta === undefined
    ? { remoteId: c.id, version, contact: draftFromWire(c) }
    : { remoteId: c.id, version, contact: draftFromWire(c), meta };
}

function emailNames(meta: RecordMeta | undefined): Map<string, string> {
  const names = new Map<string, string>();
  const list = meta?.['emailNames'];
  if (!Array.isArray(list)) return names;
  for (const pair of list as readonly unknown[]) {
    if (Array.isArray(pair) && typeof pair[0] === 'string' && typeof pair[1] === 'string') names.set(pair[0], pair[1]);
  }
  return names;
}

const nullable = (value: string): string | null => (value === '' ? null : value);

function addressToWire(addresses: readonly Address[], type: AddressType): GraphAddress | null {
  const a = addresses.find((x) => x.type === type);
  if (a === undefined) return null;
  return { street: a.street, city: a.city, state: a.region, postalCode: a.postalCode, countryOrRegion: a.country };
}

/** Every mapped property of a draft, as a create body or the source of a PATCH. */
export function wireFromDraft(d: ContactDraft, meta?: RecordMeta): Record<string, unknown> {
  const names = emailNames(meta);
  const numbers = (type: Phone['type']): string[] => d.phones.filter((p) => p.type === type).map((p) => p.number);
  const emails: GraphEmail[] = d.emails.map((e) => ({ address: e.address, name: names.get(e.address.toLowerCase()) ?? e.address }));
  return {
    givenName: nullable(d.name.given),
    middleName: nullable(d.name.middle),
    surname: nullable(d.name.family),
    title: nullable(d.name.prefix),
    generation: nullable(d.name.suffix),
    nickName: nullable(d.nickname),
    companyName: nullable(d.company),
    jobTitle: nullable(d.jobTitle),
    personalNotes: nullable(d.notes),
    birthday: d.birthday === '' ? null : `${d.birthday}T00:00:00Z`,
    categories: [...d.categories],
    emailAddresses: emails,
    businessPhones: numbers('work'),
    homePhones: numbers('home'),
    mobilePhone: nullable(numbers('mobile')[0] ?? ''),
    homeAddress: addressToWire(d.addresses, 'home'),
    businessAddress: addressToWire(d.addresses, 'work'),
    otherAddress: addressToWire(d.addresses, 'other'),
  };
}

/** Only the properties whose wire form differs between the base and the new content. */
export function patchBody(base: RemoteContact, next: ContactDraft): Record<string, unknown> {
  const before = wireFromDraft(base.contact, base.meta);
  const after = wireFromDraft(next, base.meta);
  const patch: Record<string, unknown> = {};
  for (const key of Object.keys(after)) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) patch[key] = after[key];
  }
  return patch;
}
