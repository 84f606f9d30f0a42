import {
  EMAIL_TYPES,
  LIMITS,
  LOCATION_FIELDS,
  LOCATION_TYPES,
  PERSONAL_FIELDS,
  PHONE_TYPES,
  PROFESSIONAL_FIELDS,
  type ChildCollection,
  type WireContact,
  type WireEmail,
  type WireLocation,
  type WirePhone,
} from '../wire.js';

/**
 * The service's stateless 400 rules (docs/windows-live.md §1.3): read-only IDs, enums, the email rule,
 * lengths, Birthdate as a date. Each check returns the reason for the log, or null when valid.
 * Rules that depend on the stored book (type changes, unknown child IDs, 409s) live in the routes.
 */

export type Mode = 'create' | 'update';
type AnyChild = WireEmail | WirePhone | WireLocation;

const TYPE_RULES = {
  Emails: { element: 'EmailType', values: EMAIL_TYPES },
  Phones: { element: 'PhoneType', values: PHONE_TYPES },
  Locations: { element: 'LocationType', values: LOCATION_TYPES },
} as const;

function tooLong(name: string, value: string | undefined, limit: number = LIMITS.text): string | null {
  return value !== undefined && value.length > limit ? `${name} is longer than ${limit}` : null;
}

function isEmailAddress(address: string): boolean {
  const at = address.indexOf('@');
  return at >= 0 && address.indexOf('@', at + 1) < 0 && address.indexOf('.', at + 1) > at;
}

function isDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (m === null) return false;
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))).toISOString().startsWith(value);
}

/**
 * One child. On create the ID is forbidden (server-assigned) and the type required; on update
 * the ID is the match key (`requireId`) and every element is optional.
 */
export function checkChild(collection: ChildCollection, child: AnyChild, mode: Mode, requireId: boolean): string | null {
  const c = child as Readonly<Record<string, string | undefined>>;
  if (mode === 'create' && c['ID'] !== undefined) return 'ID is read-only';
  if (requireId && (c['ID'] === undefined || c['ID'] === '')) return 'a child in a PUT must carry its ID';
  const rule = TYPE_RULES[collection];
  const type = c[rule.element];
  if (mode === 'create' && type === undefined) return `${rule.element} is required`;
  if (type !== undefined && !(rule.values as readonly string[]).includes(type)) return `${rule.element} "${type}" is not a valid value`;
  if (collection === 'Emails') {
    const address = c['Address'];
    if (mode === 'create' && address === undefined) return 'Address is required';
    if (address !== undefined && address.length > LIMITS.emailAddress) return `Address is longer than ${LIMITS.emailAddress}`;
    if (address !== undefined && !isEmailAddress(address)) return 'Address must hold exactly one @ with a dot after it';
    const isDefault = c['IsDefault'];
    if (isDefault !== undefined && isDefault !== 'true' && isDefault !== 'false') return 'IsDefault must be true or false';
  }
  if (collection === 'Phones') return tooLong('Number', c['Number']);
  if (collection === 'Locations') {
    for (const f of LOCATION_FIELDS) {
      const problem = tooLong(f, c[f]);
      if (problem !== null) return problem;
    }
  }
  return null;
}

/** A contact body. `targetId`: on update, the one `<ID>` value that is not a write. */
export function checkContact(c: WireContact, mode: Mode, targetId?: string): string | null {
  if (c.ID !== undefined && (mode === 'create' || c.ID.toLowerCase() !== targetId?.toLowerCase())) return 'ID is read-only';
  if (c.IsDeleted !== undefined) return 'IsDeleted is read-only';
  const personal = c.Profiles?.Personal ?? {};
  for (const f of PERSONAL_FIELDS) {
    const problem = tooLong(f, personal[f]);
    if (problem !== null) return problem;
  }
  const birthdate = personal.Birthdate;
  if (birthdate !== undefined && birthdate !== '' && !isDate(birthdate)) return 'Birthdate must be a date (YYYY-MM-DD)';
  const professional = c.Profiles?.Professional ?? {};
  for (const f of PROFESSIONAL_FIELDS) {
    const problem = tooLong(f, professional[f]);
    if (problem !== null) return problem;
  }
  const notes = tooLong('Notes', c.Notes, LIMITS.notes);
  if (notes !== null) return notes;
  for (const t of c.Tags ?? []) {
    const problem = tooLong('Tag', t);
    if (problem !== null) return problem;
  }
  const collections: readonly [ChildCollection, readonly AnyChild[] | undefined][] = [
    ['Emails', c.Emails],
    ['Phones', c.Phones],
    ['Locations', c.Locations],
  ];
  for (const [collection, list] of collections) {
    for (const child of list ?? []) {
      const problem = checkChild(collection, child, mode, mode === 'update');
      if (problem !== null) return problem;
    }
  }
  return null;
}
