import {
  EMPTY_DRAFT,
  type Address,
  type AddressType,
  type ContactDraft,
  type Email,
  type EmailType,
  type Phone,
  type PhoneType,
} from '@contactsync/core';

/**
 * A small vCard 4.0 codec (RFC 6350) for export and import of the fields the contact model has: FN,
 * N, NICKNAME, ORG, TITLE, NOTE, BDAY (`--MMDD` without a year), EMAIL, TEL, ADR, CATEGORIES. Other
 * properties (PHOTO, URL, X-...) are skipped on import. Temporary: the CardDAV adapter's codec
 * replaces it behind `vcard-io.ts`.
 */

const escape = (text: string): string => text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/,/g, '\\,').replace(/;/g, '\\;');

/** Folds a content line at 75 octets (RFC 6350 §3.2), never inside a UTF-8 sequence. */
function fold(line: string): string {
  const encoder = new TextEncoder();
  const parts: string[] = [];
  let current = '';
  let size = 0;
  for (const char of line) {
    const bytes = encoder.encode(char).length;
    if (size + bytes > (parts.length === 0 ? 75 : 74)) {
      parts.push(current);
      current = '';
      size = 0;
    }
    current += char;
    size += bytes;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

const EMAIL_OUT: Record<EmailType, string> = { personal: 'home', work: 'work', other: 'other' };
const PHONE_OUT: Record<PhoneType, string> = { mobile: 'cell', home: 'home', work: 'work', fax: 'fax', pager: 'pager', other: 'voice' };

function birthdayOut(value: string): string {
  return value.startsWith('--') ? value.replace('-', '').replace(/^-(\d\d)-(\d\d)$/, '--$1$2') : value.replace(/-/g, '');
}

export function encodeVCard(contact: ContactDraft, fn: string): string {
  const lines = ['BEGIN:VCARD', 'VERSION:4.0', `FN:${escape(fn)}`];
  const n = contact.name;
  lines.push(`N:${[n.family, n.given, n.middle, n.prefix, n.suffix].map(escape).join(';')}`);
  if (contact.nickname !== '') lines.push(`NICKNAME:${escape(contact.nickname)}`);
  if (contact.company !== '') lines.push(`ORG:${escape(contact.company)}`);
  if (contact.jobTitle !== '') lines.push(`TITLE:${escape(contact.jobTitle)}`);
  if (contact.birthday !== '') lines.push(`BDAY:${birthdayOut(contact.birthday)}`);
  for (const email of contact.emails) lines.push(`EMAIL;TYPE=${EMAIL_OUT[email.type]}:${escape(email.address)}`);
  for (const phone of contact.phones) lines.push(`TEL;TYPE=${PHONE_OUT[phone.type]}:${escape(phone.number)}`);
  for (const a of contact.addresses)
    lines.push(`ADR;TYPE=${a.type}:;;${[a.street, a.city, a.region, a.postalCode, a.country].map(escape).join(';')}`);
  if (contact.categories.length > 0) lines.push(`CATEGORIES:${contact.categories.map(escape).join(',')}`);
  if (contact.notes !== '') lines.push(`NOTE:${escape(contact.notes)}`);
  lines.push('END:VCARD');
  return lines.map(fold).join('\r\n');
}

interface Property {
  readonly name: string;
  readonly types: readonly string[];
  readonly value: string;
}

/** Splits on an unescaped separator, then unescapes each part. */
function split(value: string, separator: ';' | ','): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < value.length; i++) {
    const char = value[i] ?? '';
    if (char === '\\' && i + 1 < value.length) {
      const next = value[i + 1] ?? '';
      current += next === 'n' || next === 'N' ? '\n' : next;
      i++;
    } else if (char === separator) {
      parts.push(current);
      current = '';
    } else current += char;
  }
  parts.push(current);
  return parts;
}

function parseLine(line: string): Property | null {
  // The value starts at the first colon outside a quoted parameter value.
  let quoted = false;
  let colon = -1;
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '"') quoted = !quoted;
    else if (line[i] === ':' && !quoted) {
      colon = i;
      break;
    }
  }
  if (colon === -1) return null;
  const [rawName = '', ...params] = line.slice(0, colon).split(';');
  const name = rawName.replace(/^.*\./, '').toUpperCase(); // a group prefix ("item1.EMAIL") is dropped
  const types = params
    .filter((p) => /^type=/i.test(p))
    .flatMap((p) => p.slice(5).replace(/"/g, '').split(','))
    .map((t) => t.toLowerCase());
  return { name, types, value: line.slice(colon + 1) };
}

const emailType = (types: readonly string[]): EmailType =>
  types.includes('work') ? 'work' : types.includes('home') || types.includes('internet') ? 'personal' : 'other';
const phoneType = (types: readonly string[]): PhoneType =>
  types.includes('cell')
    ? 'mobile'
    : types.includes('fax')
      ? 'fax'
      : types.includes('pager')
        ? 'pager'
        : types.includes('work')
          ? 'work'
          : types.includes('home')
            ? 'home'
            : 'other';
const addressType = (types: readonly string[]): AddressType =>
  types.includes('work') ? 'work' : types.includes('home') ? 'home' : 'other';

function birthdayIn(value: string): string {
  const full = /^(\d{4})-?(\d{2})-?(\d{2})/.exec(value);
  if (full !== null) return `${full[1]}-${full[2]}-${full[3]}`;
  const yearless = /^--(\d{2})-?(\d{2})$/.exec(value);
  return yearless === null ? '' : `--${yearless[1]}-${yearless[2]}`;
}

/** Every vCard in `text`, as drafts; cards that cannot be read are counted in `skipped`. */
export function decodeVCards(text: string): { readonly contacts: ContactDraft[]; readonly skipped: number } {
  const unfolded = text.replace(/\r\n[ \t]|\n[ \t]/g, '').split(/\r?\n/);
  const contacts: ContactDraft[] = [];
  let skipped = 0;
  let card: Property[] | null = null;
  for (const line of unfolded) {
    if (/^BEGIN:VCARD$/i.test(line.trim())) card = [];
    else if (/^END:VCARD$/i.test(line.trim())) {
      if (card !== null) {
        const contact = toDraft(card);
        if (contact === null) skipped++;
        else contacts.push(contact);
      }
      card = null;
    } else if (card !== null && line.trim() !== '') {
      const property = parseLine(line);
      if (property !== null) card.push(property);
    }
  }
  return { contacts, skipped };
}

function toDraft(properties: readonly Property[]): ContactDraft | null {
  let draft: ContactDraft = EMPTY_DRAFT;
  const emails: Email[] = [];
  const phones: Phone[] = [];
  const addresses: Address[] = [];
  const categories: string[] = [];
  let fn = '';
  for (const { name, types, value } of properties) {
    const text = split(value, ';')[0] ?? '';
    switch (name) {
      case 'FN':
        fn = text;
        break;
      case 'N': {
        const [family = '', given = '', middle = '', prefix = '', suffix = ''] = split(value, ';');
        draft = { ...draft, name: { family, given, middle, prefix, suffix } };
        break;
      }
      case 'NICKNAME':
        draft = { ...draft, nickname: split(value, ',')[0] ?? '' };
        break;
      case 'ORG':
        draft = { ...draft, company: text };
        break;
      case 'TITLE':
        draft = { ...draft, jobTitle: text };
        break;
      case 'NOTE':
        draft = { ...draft, notes: split(value, ',').join(',') };
        break;
      case 'BDAY':
        draft = { ...draft, birthday: birthdayIn(value) };
        break;
      case 'EMAIL':
        emails.push({ type: emailType(types), address: text });
        break;
      case 'TEL':
        phones.push({ type: phoneType(types), number: text.replace(/^tel:/i, '') });
        break;
      case 'ADR': {
        const [, , street = '', city = '', region = '', postalCode = '', country = ''] = split(value, ';');
        addresses.push({ type: addressType(types), street, city, region, postalCode, country });
        break;
      }
      case 'CATEGORIES':
        categories.push(...split(value, ',').filter((c) => c.trim() !== ''));
        break;
      default:
        break; // PHOTO, URL, X-... : not in the contact model
    }
  }
  if (Object.values(draft.name).every((part) => part === '') && fn !== '') draft = { ...draft, name: { ...draft.name, given: fn } };
  const result = { ...draft, emails, phones, addresses, categories };
  const empty =
    Object.values(result.name).every((p) => p === '') &&
    result.nickname === '' &&
    result.company === '' &&
    emails.length === 0 &&
    phones.length === 0;
  return empty ? null : result;
}
