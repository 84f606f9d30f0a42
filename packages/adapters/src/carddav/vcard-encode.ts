import type { Address, ContactDraft, Email, Phone } from '@contactsync/core';
import type { CardProperty, JCardProperty, JCardValue, VCardVersion } from './vcard-card.js';
import { addressOf, typesOf } from './vcard-decode.js';

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
 * An edit of an existing ADR line: the components and parameters the model does not map (PO box,
 * extended address, a multi-valued component, `itemN.` group, GEO, PREF) are kept; of the five it
 * maps, only the changed ones are replaced. TYPE changes only when the address's type did (other
 * TYPE words such as `pref` or `postal` stay). A LABEL parameter (RFC 6350 §6.3.1, the formatted
 * address) would now describe the old address, so an edit drops it.
 */
export function editedAddressProperty(version: VCardVersion, old: CardProperty, address: Address): JCardProperty {
  const before = addressOf(old);
  const first = old.jcard.values[0];
  const raw: (string | readonly string[])[] = Array.isArray(first)
    ? [...(first as readonly (string | readonly string[])[])]
    : [typeof first === 'string' ? first : ''];
  while (raw.length < 7) raw.push('');
  const mapped = ['street', 'city', 'region', 'postalCode', 'country'] as const;
  mapped.forEach((key, i) => {
    if (before[key] !== address[key]) raw[i + 2] = address[key];
  });
  const others = [...typesOf(old.jcard)].filter((t) => t !== 'home' && t !== 'work');
  const retyped = typed(version, [...ADDRESS_TYPE_WORDS[address.type], ...others])['type'];
  const params: Record<string, string | readonly string[]> = {};
  // In their order on the line; `type` rewritten in place, only when the type changed.
  for (const [key, value] of Object.entries(old.jcard.params)) {
    if (key === 'label') continue;
    if (key === 'type' && before.type !== address.type) {
      if (retyped !== undefined) params[key] = retyped;
    } else params[key] = value;
  }
  if (!('type' in params) && before.type !== address.type && retyped !== undefined) params['type'] = retyped;
  const values: JCardValue[] = [raw];
  return prop('adr', values, params, old.jcard.valueType === 'text' ? '' : old.jcard.valueType);
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
