import type { Address, ContactDraft, Email, Phone } from '@contactsync/core';
import type { JCardProperty, VCardVersion } from './vcard-card.js';

/**
 * The contact model -> vCard properties, one field group at a time (the inverse of
 * vcard-decode.ts). TYPE values follow each version's registry: upper case with `INTERNET` and
 * `VOICE` in 3.0 (RFC 2426 §3.3), lower case in 4.0 (RFC 6350 §5.6).
 */

const prop = (name: string, values: JCardProperty['values'], params: JCardProperty['params'] = {}, valueType = ''): JCardProperty => ({
  name,
  params,
  valueType,
  values,
});

const typed = (version: VCardVersion, types: readonly string[]): JCardProperty['params'] => {
  if (types.length === 0) return {};
  const cased = version === '3.0' ? types.map((t) => t.toUpperCase()) : types;
  return { type: cased.length === 1 ? (cased[0] as string) : cased };
};

const EMAIL_TYPE_WORDS = { personal: ['home'], work: ['work'], other: [] } as const;
const PHONE_TYPE_WORDS = { mobile: ['cell'], home: ['home'], work: ['work'], fax: ['fax'], pager: ['pager'], other: [] } as const;
const ADDRESS_TYPE_WORDS = { home: ['home'], work: ['work'], other: [] } as const;

/** FN is required (RFC 6350 §6.2.1): the name as written, else whatever identifies the contact. */
export function formattedName(contact: ContactDraft): string {
  const { prefix, given, middle, family, suffix } = contact.name;
  const full = [prefix, given, middle, family, suffix].filter((s) => s !== '').join(' ');
  return full || contact.nickname || contact.company || contact.emails[0]?.address || contact.phones[0]?.number || '';
}

export function emailProperty(version: VCardVersion, email: Email): JCardProperty {
  const words = [...(version === '3.0' ? ['internet'] : []), ...EMAIL_TYPE_WORDS[email.type]];
  return prop('email', [email.address], typed(version, words));
}

export function phoneProperty(version: VCardVersion, phone: Phone): JCardProperty {
  const words: string[] = [...PHONE_TYPE_WORDS[phone.type]];
  if (version === '3.0' && (phone.type === 'home' || phone.type === 'work')) words.push('voice');
  return prop('tel', [phone.number], typed(version, words));
}

export function addressProperty(version: VCardVersion, address: Address): JCardProperty {
  const { street, city, region, postalCode, country } = address;
  return prop('adr', [['', '', street, city, region, postalCode, country]], typed(version, ADDRESS_TYPE_WORDS[address.type]));
}

/**
 * BDAY in the basic format: `YYYYMMDD`, or `--MMDD` without a year (RFC 6350 §4.3.1; RFC 2426 §3.1.5
 * takes ISO 8601 dates, whose reduced form this is).
 */
export function birthdayProperty(birthday: string): JCardProperty {
  return prop('bday', [birthday]);
}

/**
 * The properties a scalar field group is written as (empty = none). `units` keeps an ORG's
 * organisational units (RFC 6350 §6.6.4) when only the company name changed.
 */
export function scalarProperties(
  field: 'name' | 'nickname' | 'company' | 'jobTitle' | 'notes' | 'birthday' | 'categories',
  contact: ContactDraft,
  units: readonly string[] = [],
): JCardProperty[] {
  switch (field) {
    case 'name': {
      const { family, given, middle, prefix, suffix } = contact.name;
      return [prop('fn', [formattedName(contact)]), prop('n', [[family, given, middle, prefix, suffix]])];
    }
    case 'nickname':
      return contact.nickname === '' ? [] : [prop('nickname', [contact.nickname])];
    case 'company':
      return contact.company === '' ? [] : [prop('org', [[contact.company, ...units]])];
    case 'jobTitle':
      return contact.jobTitle === '' ? [] : [prop('title', [contact.jobTitle])];
    case 'notes':
      return contact.notes === '' ? [] : [prop('note', [contact.notes])];
    case 'birthday':
      return contact.birthday === '' ? [] : [birthdayProperty(contact.birthday)];
    case 'categories':
      return contact.categories.length === 0 ? [] : [prop('categories', contact.categories)];
  }
}
