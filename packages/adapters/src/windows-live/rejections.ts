import type { OperationOutcome } from '@contactsync/core';
import { WL_CODES, type RequestLine } from './outcomes.js';
import { LIMITS, LOCATION_FIELDS, PERSONAL_FIELDS, PROFESSIONAL_FIELDS, type WireContact } from './wire.js';

/**
 * User-facing reasons for a 400 or 409. The service sends no error body (seed document), so the
 * reason is found by checking what we sent against the contract's rules (docs/windows-live.md §1.3); when
 * none applies the message stays general rather than guessing.
 */

export type Rejected = Extract<OperationOutcome, { kind: 'rejected' }>;

const FIELD_NAMES: Readonly<Record<string, string>> = {
  FirstName: 'first name',
  MiddleName: 'middle name',
  LastName: 'last name',
  NickName: 'nickname',
  Birthdate: 'birthday',
  CompanyName: 'company',
  JobTitle: 'job title',
  Notes: 'notes',
  Tag: 'category name',
  Address: 'email address',
  Number: 'phone number',
  StreetLine: 'street',
  PrimaryCity: 'city',
  Subdivision: 'region',
  PostalCode: 'postal code',
  CountryRegion: 'country',
};

interface Value {
  readonly element: string;
  readonly value: string;
}

function valuesOf(c: WireContact): Value[] {
  const out: Value[] = [];
  const add = (element: string, value: string | undefined): void => {
    if (value !== undefined) out.push({ element, value });
  };
  for (const key of PERSONAL_FIELDS) add(key, c.Profiles?.Personal?.[key]);
  for (const key of PROFESSIONAL_FIELDS) add(key, c.Profiles?.Professional?.[key]);
  for (const e of c.Emails ?? []) add('Address', e.Address);
  for (const p of c.Phones ?? []) add('Number', p.Number);
  for (const l of c.Locations ?? []) for (const key of LOCATION_FIELDS) add(key, l[key]);
  add('Notes', c.Notes);
  for (const t of c.Tags ?? []) add('Tag', t);
  return out;
}

// XML 1.0 cannot carry these characters at all, so the service cannot store them.
const NOT_XML =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function isValidEmail(address: string): boolean {
  const at = address.indexOf('@');
  return at >= 0 && address.indexOf('@', at + 1) < 0 && address.indexOf('.', at + 1) > at;
}

function isDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (m === null) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().startsWith(value);
}

/** The first contract rule the sent values break, as a sentence for the user. */
function firstBrokenRule(values: readonly Value[]): string | null {
  for (const { element, value } of values) {
    const name = FIELD_NAMES[element] ?? element;
    if (element === 'Address' && value.length > LIMITS.emailAddress)
      return `The email address is longer than the ${LIMITS.emailAddress} characters Windows Live accepts.`;
    if (element === 'Address' && !isValidEmail(value))
      return `Windows Live does not accept the email address “${value}”: it needs exactly one @ with a dot after it.`;
    const limit = element === 'Notes' ? LIMITS.notes : LIMITS.text;
    if (value.length > limit) return `The ${name} is longer than the ${limit.toLocaleString('en-US')} characters Windows Live accepts.`;
    if (element === 'Birthdate' && value !== '' && !isDate(value)) return `Windows Live needs the birthday as a valid date (YYYY-MM-DD).`;
    if (NOT_XML.test(value)) return `The ${name} contains characters Windows Live cannot store.`;
  }
  return null;
}

/** The first §1.3 rule `sent` breaks, as a sentence for the user; null when it breaks none. */
export function brokenRule(sent: WireContact): string | null {
  return firstBrokenRule(valuesOf(sent));
}

/** A 400: the service refused the content (validation; §1.3). */
/** `sent`: the body, with a child POST's child wrapped as a one-element collection. */
export function badRequest(request: RequestLine, sent: WireContact): Rejected {
  const reason = brokenRule(sent);
  return {
    kind: 'rejected',
    code: WL_CODES.badRequest,
    userMessage: reason ?? 'Windows Live refused this contact’s details. Your version is kept on this device.',
    debugMessage: `400 on ${request.method} ${request.path}${reason === null ? ' (no local rule explains it)' : ''}`,
  };
}

const EMAIL_TYPE_WORDS: Readonly<Record<string, string>> = {
  Personal: 'personal',
  Business: 'work',
  Other: 'other',
  WindowsLiveID: 'Windows Live ID',
};

/**
 * A 409: a unique-key conflict (a second email of one type) or a quota (6,500 contacts or 200
 * tags, §1.3). `duplicateEmailType` is the wire type the sent contact holds twice, if any.
 */
export function conflict409(request: RequestLine, duplicateEmailType: string | null): Rejected {
  if (duplicateEmailType !== null) {
    const word = EMAIL_TYPE_WORDS[duplicateEmailType] ?? duplicateEmailType;
    return {
      kind: 'rejected',
      code: WL_CODES.duplicateEmailType,
      userMessage: `Windows Live allows one email address of each type per contact, and this contact has more than one ${word} address. Change the type of one of them.`,
      debugMessage: `409 on ${request.method} ${request.path}: two ${duplicateEmailType} emails`,
    };
  }
  return {
    kind: 'rejected',
    code: WL_CODES.quotaExceeded,
    userMessage:
      'Windows Live’s address book is full: it holds at most 6,500 contacts and 200 different categories. Remove some before adding more.',
    debugMessage: `409 on ${request.method} ${request.path}: unique key or quota`,
  };
}

/** The wire type held twice by a list of wire emails, or null. */
export function duplicateEmailType(types: readonly (string | undefined)[]): string | null {
  const seen = new Set<string>();
  for (const t of types) {
    if (t === undefined) continue;
    if (seen.has(t)) return t;
    seen.add(t);
  }
  return null;
}
