import type { Address, ContactDraft, Email, Phone, RemoteContact } from '@contactsync/core';
import { SINGLE_FIELDS, toMeta, type SingleField, type YahooMeta } from './meta.js';
import type { CategoryChange, FieldChange, Flag, WireContact, WireField } from './wire.js';

/**
 * The one mapping between core's contact model and Yahoo fields, flags and categories.
 * Writing: personal email `home`, work `work`, other no flag (the guide's example puts `home` on an
 * email); phone types are the flag of the same name, `other` none; address home/work/none.
 * Reading accepts `personal` as well as `home`, and ranks flags (fax > pager > mobile > work > home).
 */
const EMAIL_FLAGS: Readonly<Record<Email['type'], readonly Flag[]>> = { personal: ['home'], work: ['work'], other: [] };
const PHONE_FLAGS: Readonly<Record<Phone['type'], readonly Flag[]>> = {
  mobile: ['mobile'],
  home: ['home'],
  work: ['work'],
  fax: ['fax'],
  pager: ['pager'],
  other: [],
};
const ADDRESS_FLAGS: Readonly<Record<Address['type'], readonly Flag[]>> = { home: ['home'], work: ['work'], other: [] };

const has = (field: WireField, ...flags: Flag[]) => flags.some((flag) => field.flags.includes(flag));

function emailType(field: WireField): Email['type'] {
  return has(field, 'work') ? 'work' : has(field, 'home', 'personal') ? 'personal' : 'other';
}

function phoneType(field: WireField): Phone['type'] {
  if (has(field, 'fax')) return 'fax';
  if (has(field, 'pager')) return 'pager';
  if (has(field, 'mobile')) return 'mobile';
  if (has(field, 'work')) return 'work';
  return has(field, 'home', 'personal') ? 'home' : 'other';
}

function addressType(field: WireField): Address['type'] {
  return has(field, 'work') ? 'work' : has(field, 'home', 'personal') ? 'home' : 'other';
}

/** `YYYY-MM-DD` when the field holds a whole date; a date without a year has no place in core. */
function birthdayText(field: WireField | undefined): string {
  const p = field?.parts;
  if (p === undefined || !/^[0-9]{4}$/.test(p.year ?? '') || !/^[0-9]{1,2}$/.test(p.month ?? '') || !/^[0-9]{1,2}$/.test(p.day ?? ''))
    return '';
  return `${p.year ?? ''}-${(p.month ?? '').padStart(2, '0')}-${(p.day ?? '').padStart(2, '0')}`;
}

/**
 * A response's contact as core's record. `nameOf` reads the response's category table. One pass
 * over the fields: this runs once per contact of a whole-book pull.
 */
export function toRemoteContact(contact: WireContact, nameOf: (catid: number) => string | undefined, version: string): RemoteContact {
  const single: Partial<Record<SingleField, WireField>> = {};
  const emails: WireField[] = [];
  const phones: WireField[] = [];
  const addresses: WireField[] = [];
  for (const f of contact.fields) {
    if (f.type === 'email') emails.push(f);
    else if (f.type === 'phone') phones.push(f);
    else if (f.type === 'address') addresses.push(f);
    else if (isSingle(f.type) && single[f.type] === undefined) single[f.type] = f;
  }
  const text = (type: 'nickname' | 'company' | 'jobtitle' | 'notes') => single[type]?.data ?? '';
  const name = single.name?.parts ?? {};
  const categories: string[] = [];
  const cats: number[] = [];
  for (const ref of contact.categories) {
    const categoryName = nameOf(ref.catid) ?? ref.name;
    if (categoryName === undefined || cats.includes(ref.catid)) continue;
    categories.push(categoryName);
    cats.push(ref.catid);
  }
  const draft: ContactDraft = {
    name: {
      given: name.first ?? '',
      middle: name.middle ?? '',
      family: name.last ?? '',
      prefix: name.prefix ?? '',
      suffix: name.suffix ?? '',
    },
    nickname: text('nickname'),
    company: text('company'),
    jobTitle: text('jobtitle'),
    notes: text('notes'),
    birthday: birthdayText(single.birthday),
    emails: emails.map((f) => ({ type: emailType(f), address: f.data ?? '' })),
    phones: phones.map((f) => ({ type: phoneType(f), number: f.data ?? '' })),
    addresses: addresses.map((f) => ({
      type: addressType(f),
      street: f.parts?.street ?? '',
      city: f.parts?.city ?? '',
      region: f.parts?.state ?? '',
      postalCode: f.parts?.zip ?? '',
      country: f.parts?.country ?? '',
    })),
    categories,
  };
  const ids = (fields: readonly WireField[]) => fields.map((f) => f.fid ?? 0);
  const fid = (type: SingleField) => single[type]?.fid ?? null;
  const meta: YahooMeta = {
    name: fid('name'),
    nickname: fid('nickname'),
    company: fid('company'),
    jobtitle: fid('jobtitle'),
    notes: fid('notes'),
    birthday: fid('birthday'),
    emails: ids(emails),
    phones: ids(phones),
    addresses: ids(addresses),
    cats,
  };
  return { remoteId: String(contact.cid), version, contact: draft, meta: toMeta(meta) };
}

const SINGLE: ReadonlySet<string> = new Set(SINGLE_FIELDS);
const isSingle = (type: string): type is SingleField => SINGLE.has(type);

const nonEmpty = <T extends Record<string, string>>(parts: T) => Object.fromEntries(Object.entries(parts).filter(([, v]) => v !== ''));

/** Each single-valued part of a draft as the field that carries it, or null when empty. */
export function singleFields(
  draft: ContactDraft,
): Readonly<Record<'name' | 'nickname' | 'company' | 'jobtitle' | 'notes' | 'birthday', WireField | null>> {
  const n = draft.name;
  const nameParts = nonEmpty({ first: n.given, middle: n.middle, last: n.family, prefix: n.prefix, suffix: n.suffix });
  const simple = (type: 'nickname' | 'company' | 'jobtitle' | 'notes', data: string): WireField | null =>
    data === '' ? null : { type, flags: [], data };
  const date = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(draft.birthday);
  return {
    name: Object.keys(nameParts).length === 0 ? null : { type: 'name', flags: [], parts: nameParts },
    nickname: simple('nickname', draft.nickname),
    company: simple('company', draft.company),
    jobtitle: simple('jobtitle', draft.jobTitle),
    notes: simple('notes', draft.notes),
    birthday:
      date === null
        ? null
        : { type: 'birthday', flags: [], parts: { year: date[1] ?? '', month: String(Number(date[2])), day: String(Number(date[3])) } },
  };
}

export const emailField = (e: Email): WireField => ({ type: 'email', flags: EMAIL_FLAGS[e.type], data: e.address });
export const phoneField = (p: Phone): WireField => ({ type: 'phone', flags: PHONE_FLAGS[p.type], data: p.number });
export const addressField = (a: Address): WireField => ({
  type: 'address',
  flags: ADDRESS_FLAGS[a.type],
  parts: nonEmpty({ street: a.street, city: a.city, state: a.region, zip: a.postalCode, country: a.country }),
});

/** The changes of an `add-contact` carrying a whole draft; categories by name. */
export function addChanges(draft: ContactDraft): { fields: FieldChange[]; categories: CategoryChange[] } {
  const singles = Object.values(singleFields(draft)).filter((f): f is WireField => f !== null);
  // Everything is sent, even values the server will refuse: it is the judge (-40014 and so on).
  const fields = [...singles, ...draft.emails.map(emailField), ...draft.phones.map(phoneField), ...draft.addresses.map(addressField)].map(
    (field): FieldChange => ({ op: 'add', field }),
  );
  const seen = new Set<string>();
  const categories = draft.categories.flatMap((name): CategoryChange[] => {
    const key = name.trim().toLowerCase();
    if (seen.has(key)) return [];
    seen.add(key);
    return [{ op: 'add', ref: { name } }];
  });
  return { fields, categories };
}
