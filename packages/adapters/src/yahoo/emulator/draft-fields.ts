import type { Address, ContactDraft, Email, Phone } from '@contactsync/core';
import type { CategoryChange, FieldChange, FieldType, Flag, WireField } from '../wire.js';
import type { StoredContact } from './book.js';

/**
 * The emulator's own view of core's contact model, for seeding, for edits "from another device"
 * and for listing the book in contract tests. It is written independently of the client's mapping;
 * both follow the conventions in docs/yahoo.md (personal email = `home` flag, ...).
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

const SCALARS = [
  ['nickname', 'nickname'],
  ['company', 'company'],
  ['jobTitle', 'jobtitle'],
  ['notes', 'notes'],
] as const;

function nameField(draft: ContactDraft): WireField | null {
  const n = draft.name;
  const parts = { first: n.given, middle: n.middle, last: n.family, prefix: n.prefix, suffix: n.suffix };
  const present = Object.fromEntries(Object.entries(parts).filter(([, v]) => v !== ''));
  return Object.keys(present).length === 0 ? null : { type: 'name', flags: [], parts: present };
}

function birthdayField(birthday: string): WireField | null {
  const match = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(birthday);
  if (match === null) return null;
  return { type: 'birthday', flags: [], parts: { year: match[1] ?? '', month: String(Number(match[2])), day: String(Number(match[3])) } };
}

const email = (e: Email): WireField => ({ type: 'email', flags: EMAIL_FLAGS[e.type], data: e.address });
const phone = (p: Phone): WireField => ({ type: 'phone', flags: PHONE_FLAGS[p.type], data: p.number });
const address = (a: Address): WireField => {
  const parts = { street: a.street, city: a.city, state: a.region, zip: a.postalCode, country: a.country };
  return { type: 'address', flags: ADDRESS_FLAGS[a.type], parts: Object.fromEntries(Object.entries(parts).filter(([, v]) => v !== '')) };
};

/** The fields of a draft, in a fixed order (no fids: the book assigns them). */
export function draftToFields(draft: ContactDraft): WireField[] {
  const fields: WireField[] = [];
  const name = nameField(draft);
  if (name !== null) fields.push(name);
  for (const [key, type] of SCALARS) if (draft[key] !== '') fields.push({ type, flags: [], data: draft[key] });
  const birthday = birthdayField(draft.birthday);
  if (birthday !== null) fields.push(birthday);
  fields.push(...draft.emails.map(email), ...draft.phones.map(phone), ...draft.addresses.map(address));
  return fields;
}

const has = (flags: readonly Flag[], ...wanted: Flag[]) => wanted.some((f) => flags.includes(f));

/** The draft a stored contact reads as; fields the model has no place for are left out. */
export function fieldsToDraft(contact: StoredContact, categoryName: (catid: number) => string | undefined): ContactDraft {
  const first = (type: FieldType) => contact.fields.find((f) => f.type === type);
  const text = (type: FieldType) => first(type)?.data ?? '';
  const name = first('name')?.parts ?? {};
  const b = first('birthday')?.parts;
  const birthday =
    b?.year !== undefined && /^[0-9]{4}$/.test(b.year) && /^[0-9]{1,2}$/.test(b.month ?? '') && /^[0-9]{1,2}$/.test(b.day ?? '')
      ? `${b.year}-${(b.month ?? '').padStart(2, '0')}-${(b.day ?? '').padStart(2, '0')}`
      : '';
  const of = (type: FieldType) => contact.fields.filter((f) => f.type === type);
  return {
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
    birthday,
    emails: of('email').map((f) => ({
      type: has(f.flags, 'work') ? 'work' : has(f.flags, 'home', 'personal') ? 'personal' : 'other',
      address: f.data ?? '',
    })),
    phones: of('phone').map((f) => ({
      type: has(f.flags, 'fax')
        ? 'fax'
        : has(f.flags, 'pager')
          ? 'pager'
          : has(f.flags, 'mobile')
            ? 'mobile'
            : has(f.flags, 'work')
              ? 'work'
              : has(f.flags, 'home', 'personal')
                ? 'home'
                : 'other',
      number: f.data ?? '',
    })),
    addresses: of('address').map((f) => ({
      type: has(f.flags, 'work') ? 'work' : has(f.flags, 'home', 'personal') ? 'home' : 'other',
      street: f.parts?.street ?? '',
      city: f.parts?.city ?? '',
      region: f.parts?.state ?? '',
      postalCode: f.parts?.zip ?? '',
      country: f.parts?.country ?? '',
    })),
    categories: contact.catids.flatMap((catid) => {
      const n = categoryName(catid);
      return n === undefined ? [] : [n];
    }),
  };
}

const PART_NAMES = [
  'first',
  'middle',
  'last',
  'prefix',
  'suffix',
  'street',
  'city',
  'state',
  'zip',
  'country',
  'day',
  'month',
  'year',
] as const;

function same(a: WireField, b: WireField): boolean {
  if (a.flags.join() !== b.flags.join() || (a.data ?? '') !== (b.data ?? '')) return false;
  return PART_NAMES.every((part) => (a.parts?.[part] ?? '') === (b.parts?.[part] ?? ''));
}

/** The changes another device would send to replace the given parts of a contact. */
export function changesFor(contact: StoredContact, change: Partial<ContactDraft>, categoryName: (catid: number) => string | undefined) {
  const fields: FieldChange[] = [];
  const categories: CategoryChange[] = [];
  const wanted = draftToFields({ ...fieldsToDraft(contact, categoryName), ...change });
  const kinds = new Set<FieldType>();
  if (change.name !== undefined) kinds.add('name');
  for (const [key, type] of SCALARS) if (change[key] !== undefined) kinds.add(type);
  if (change.birthday !== undefined) kinds.add('birthday');
  if (change.emails !== undefined) kinds.add('email');
  if (change.phones !== undefined) kinds.add('phone');
  if (change.addresses !== undefined) kinds.add('address');
  for (const kind of kinds) {
    const target = wanted.filter((f) => f.type === kind);
    const current = contact.fields.filter((f) => f.type === kind);
    const kept = new Set<number>();
    for (const want of target) {
      const match = current.find((f) => !kept.has(f.fid) && same(f, want));
      if (match !== undefined) kept.add(match.fid);
      else fields.push({ op: 'add', field: want });
    }
    for (const f of current) if (!kept.has(f.fid)) fields.push({ op: 'remove', fid: f.fid });
  }
  if (change.categories !== undefined) {
    const names = change.categories.map((n) => n.toLowerCase());
    for (const catid of contact.catids) {
      if (!names.includes((categoryName(catid) ?? '').toLowerCase())) categories.push({ op: 'remove', ref: { catid } });
    }
    for (const name of change.categories) categories.push({ op: 'add', ref: { name } });
  }
  return { fields, categories };
}
