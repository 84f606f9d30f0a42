import type { Address, AddressType, ContactDraft, Email, EmailType, Phone, PhoneType } from '@contactsync/core';
import { unescapeText, type CardProperty, type JCardProperty, type JCardValue, type ParsedCard } from './vcard-card.js';

/**
 * vCard properties -> the contact model (RFC 6350 §6, RFC 2426 §3). Only these properties are read;
 * every other one stays in the card untouched (vcard-patch.ts). The groups below are the unit of
 * rewriting: when a draft field changes, only the properties of its group are rewritten.
 */
export const FIELD_PROPERTIES = {
  name: ['fn', 'n'],
  nickname: ['nickname'],
  company: ['org'],
  jobTitle: ['title'],
  notes: ['note'],
  birthday: ['bday'],
  emails: ['email'],
  phones: ['tel'],
  addresses: ['adr'],
  categories: ['categories'],
} as const satisfies Record<keyof ContactDraft, readonly string[]>;

/** A structured component: ical.js gives a list where the component held unescaped commas. */
function part(value: string | readonly string[] | undefined): string {
  if (value === undefined) return '';
  return typeof value === 'string' ? value : value.join(',');
}

export function textOf(values: readonly JCardValue[]): string {
  return values
    .map((v) =>
      typeof v === 'string'
        ? v
        : Array.isArray(v)
          ? (v as readonly (string | readonly string[] | undefined)[]).map((p) => part(p)).join(';')
          : String(v),
    )
    .join(',');
}

/** A structured value's components (N, ADR, ORG); a plain text value is one component. */
export function componentsOf(values: readonly JCardValue[]): string[] {
  const first = values[0];
  if (Array.isArray(first)) return first.map((p: string | readonly string[]) => part(p));
  // ical.js gives a one-component value (ORG:ACME) as plain text, already unescaped.
  return typeof first === 'string' ? [first] : [];
}

/** TYPE parameter values, lower case, whether given as a list, repeated, or comma-joined. */
export function typesOf(property: JCardProperty): Set<string> {
  const raw = property.params['type'];
  const list = raw === undefined ? [] : typeof raw === 'string' ? [raw] : raw;
  return new Set(list.flatMap((t) => t.split(',')).map((t) => t.trim().toLowerCase()));
}

export function emailType(types: ReadonlySet<string>): EmailType {
  return types.has('work') ? 'work' : types.has('home') ? 'personal' : 'other';
}

export function phoneType(types: ReadonlySet<string>): PhoneType {
  if (types.has('cell')) return 'mobile';
  if (types.has('fax')) return 'fax';
  if (types.has('pager')) return 'pager';
  if (types.has('work')) return 'work';
  if (types.has('home')) return 'home';
  return 'other';
}

export function addressType(types: ReadonlySet<string>): AddressType {
  return types.has('work') ? 'work' : types.has('home') ? 'home' : 'other';
}

/**
 * BDAY as core's `YYYY-MM-DD`, or `--MM-DD` without a year: RFC 6350 `--MMDD`, the extended
 * `--MM-DD` some 3.0 writers use, and Apple's `X-APPLE-OMIT-YEAR` (the year is a placeholder).
 * Anything else (a time, a text value) reads as no birthday; its line is kept as it is.
 */
export function birthdayOf(property: JCardProperty): string {
  const value = property.values[0];
  if (typeof value !== 'string') return '';
  const yearless = /^--(\d{2})-?(\d{2})$/.exec(value);
  if (yearless) return `--${yearless[1]}-${yearless[2]}`;
  const full = /^(\d{4})-?(\d{2})-?(\d{2})(?:$|T)/.exec(value);
  if (!full) return '';
  const omit = property.params['x-apple-omit-year'];
  return omit === full[1] ? `--${full[2]}-${full[3]}` : `${full[1]}-${full[2]}-${full[3]}`;
}

/** A plain text value, unescaped from the line itself (see `unescapeText`). */
export function plainText(property: CardProperty): string {
  return unescapeText(property.value).join('');
}

export function emailOf(property: CardProperty): Email {
  return { type: emailType(typesOf(property.jcard)), address: plainText(property).replace(/^mailto:/i, '') };
}

export function phoneOf(property: CardProperty): Phone {
  // 4.0 often writes TEL;VALUE=uri:tel:+1-555-0100 (RFC 6350 §6.4.1; RFC 3966).
  const number = plainText(property);
  return { type: phoneType(typesOf(property.jcard)), number: property.jcard.valueType === 'uri' ? number.replace(/^tel:/i, '') : number };
}

/** ADR components (RFC 6350 §6.3.1): PO box; extended; street; locality; region; code; country. */
export function addressOf(property: CardProperty): Address {
  const [, , street = '', city = '', region = '', postalCode = '', country = ''] = componentsOf(property.jcard.values);
  return { type: addressType(typesOf(property.jcard)), street, city, region, postalCode, country };
}

const named = (properties: readonly CardProperty[], name: string): CardProperty[] => properties.filter((p) => p.jcard.name === name);

/** The contact a card holds. Pure; never fails (a missing property is an empty field). */
export function draftFromCard(card: ParsedCard): ContactDraft {
  const props = card.properties;
  const first = (name: string): CardProperty | undefined => named(props, name)[0];
  const text = (name: string): string => {
    const p = first(name);
    return p === undefined ? '' : plainText(p);
  };
  const n = first('n');
  const [family = '', given = '', middle = '', prefix = '', suffix = ''] = n === undefined ? [] : componentsOf(n.jcard.values);
  // A card without N (allowed in 4.0) still has FN: show it as the given name.
  const name =
    n === undefined ? { given: text('fn'), middle: '', family: '', prefix: '', suffix: '' } : { given, middle, family, prefix, suffix };
  const org = first('org');
  const bday = first('bday');
  return {
    name,
    nickname: first('nickname') === undefined ? '' : unescapeText(first('nickname')?.value ?? '', ',').join(', '),
    company: org === undefined ? '' : (componentsOf(org.jcard.values)[0] ?? ''),
    jobTitle: text('title'),
    notes: text('note'),
    birthday: bday === undefined ? '' : birthdayOf(bday.jcard),
    emails: named(props, 'email').map(emailOf),
    phones: named(props, 'tel').map(phoneOf),
    addresses: named(props, 'adr').map(addressOf),
    categories: named(props, 'categories').flatMap((p) => unescapeText(p.value, ',').filter((c) => c !== '')),
  };
}
