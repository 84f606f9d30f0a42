import { XMLParser, XMLValidator } from 'fast-xml-parser';
import {
  CHILD_COLLECTIONS,
  LOCATION_FIELDS,
  PERSONAL_FIELDS,
  LEGACY_COMPANY_FIELD,
  PROFESSIONAL_FIELDS,
  type ChildCollection,
  type WireContact,
  type WireEmail,
  type WireLocation,
  type WirePhone,
  type WireProfiles,
} from './wire.js';
import { decodeReferences, escapeText, hasDoctype, inlineCdata } from './xml-text.js';

/**
 * The client's XML codec (docs/windows-live.md §1.3). Decoding never throws: a body that is not the
 * expected document comes back as a `problem`, which the client turns into a typed failure.
 * Reading is tolerant, writing exact (docs/windows-live.md, "Reading"): element names match
 * case-insensitively (a real client spelled `SubDivision`), unknown elements are ignored, a `<Tag>`
 * with child elements is read by its `Name` or skipped, and in a book one odd contact loses only
 * what cannot be read, never the book. Structure stays strict: a truncated body must never look
 * like a smaller book, or a snapshot would delete contacts.
 */

export type Decoded<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: string };

/** Elements that are always lists, so one child and many children parse the same way. */
const ARRAY_ELEMENTS: ReadonlySet<string> = new Set(['contact', 'email', 'phone', 'location', 'tag']);

const parser = new XMLParser({
  processEntities: false,
  htmlEntities: false,
  ignoreAttributes: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  removeNSPrefix: true,
  parseTagValue: false,
  trimValues: false,
  // Element names are enough for `isArray`; building every element's path string costs about a
  // tenth of a 100,000-contact decode (bench/results.md).
  jPath: false,
  isArray: (name) => ARRAY_ELEMENTS.has(name.toLowerCase()),
});

class Problem extends Error {
  override readonly name = 'Problem';
}

function parseDocument(xml: string, rootName: string): unknown {
  if (hasDoctype(xml)) throw new Problem('the body declares a DOCTYPE');
  const text = inlineCdata(xml);
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new Problem(`not well-formed XML (${valid.err.code} at line ${valid.err.line})`);
  let parsed: unknown;
  try {
    parsed = parser.parse(text);
  } catch (cause) {
    // The parser refuses names such as __proto__; that is a malformed body, not a bug of ours.
    throw new Problem(`unparseable XML (${cause instanceof Error ? cause.name : 'error'})`);
  }
  const root = asObject(parsed, 'document');
  const names = Object.keys(root);
  if (names.length !== 1 || names[0]?.toLowerCase() !== rootName.toLowerCase()) {
    throw new Problem(`expected one <${rootName}> root element, got ${names.map((n) => `<${n}>`).join(', ') || 'none'}`);
  }
  return root[names[0] ?? rootName];
}

function guard<T>(decode: () => T): Decoded<T> {
  try {
    return { ok: true, value: decode() };
  } catch (error) {
    if (error instanceof Problem) return { ok: false, problem: error.message };
    throw error;
  }
}

/** A `<LiveContacts>` root document: the answer to a root GET (200 or 206, §1.4). */
export function decodeBook(xml: string): Decoded<{ readonly contacts: readonly WireContact[] }> {
  return guard(() => {
    const root = asObject(parseDocument(xml, 'LiveContacts'), 'LiveContacts');
    const list = member(root, 'Contacts');
    const contacts = list === undefined ? {} : asObject(list, 'Contacts');
    // One odd contact loses what cannot be read; one whose ID cannot be read is skipped.
    return { contacts: members(contacts, 'Contact').flatMap((c) => tolerate('lenient', () => [readContact(c, 'lenient')]) ?? []) };
  });
}

/**
 * One `<Contact>` element of a book read as it streams (book-splitter.ts), read leniently exactly as
 * `decodeBook` reads each of its contacts: undefined when the contact cannot be read at all (skipped,
 * as there), a problem when the element is not well-formed (the book fails, as there).
 */
export function decodeBookContact(xml: string): Decoded<WireContact | undefined> {
  return guard(() => {
    const [only, ...rest] = asList(parseDocument(xml, 'Contact'));
    if (only === undefined || rest.length > 0) throw new Problem('expected exactly one <Contact>');
    return tolerate('lenient', () => readContact(only, 'lenient'));
  });
}

/** A `<Contact>` document: the answer to `GET Contacts/Contact({id})`. */
export function decodeContact(xml: string): Decoded<WireContact> {
  return guard(() => {
    const [only, ...rest] = asList(parseDocument(xml, 'Contact'));
    if (only === undefined || rest.length > 0) throw new Problem('expected exactly one <Contact>');
    return readContact(only, 'strict');
  });
}

/**
 * `strict`: anything unreadable is a problem (a single contact's GET). `lenient`: an unreadable
 * value or child is left out (a book, where one odd contact must not fail the rest).
 */
type Mode = 'strict' | 'lenient';

function tolerate<T>(mode: Mode, read: () => T): T | undefined {
  if (mode === 'strict') return read();
  try {
    return read();
  } catch (error) {
    if (error instanceof Problem) return undefined;
    throw error;
  }
}

function readContact(value: unknown, mode: Mode): WireContact {
  const c = asObject(value, 'Contact');
  const part = <T>(name: string, read: (v: unknown) => T): T | undefined => {
    const v = member(c, name);
    return v === undefined ? undefined : tolerate(mode, () => read(v));
  };
  return compact({
    ID: optionalText(member(c, 'ID'), 'ID'),
    Profiles: part('Profiles', (v) => readProfiles(v, mode)),
    Emails: part('Emails', (v) => readChildren(v, 'Emails', mode, readEmail)),
    Phones: part('Phones', (v) => readChildren(v, 'Phones', mode, readPhone)),
    Locations: part('Locations', (v) => readChildren(v, 'Locations', mode, readLocation)),
    Notes: part('Notes', (v) => text(v, 'Notes')),
    Tags: part('Tags', (v) => members(asObject(v, 'Tags'), 'Tag').flatMap((t) => tolerate(mode, () => readTag(t)) ?? [])),
    IsDeleted: part('IsDeleted', (v) => text(v, 'IsDeleted')),
  });
}

/** A `<Tag>` is a name; one with child elements (another implementation's category object) is read by its `Name`, or skipped. */
function readTag(value: unknown): string[] {
  if (typeof value === 'string') return [text(value, 'Tag')];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [];
  const name = member(value as Record<string, unknown>, 'Name');
  return typeof name === 'string' ? [text(name, 'Tag/Name')] : [];
}

function readProfiles(value: unknown, mode: Mode): WireProfiles {
  const p = asObject(value, 'Profiles');
  const personal = member(p, 'Personal');
  const professional = member(p, 'Professional');
  return compact({
    Personal: personal === undefined ? undefined : readFields(personal, 'Personal', PERSONAL_FIELDS, mode),
    Professional:
      professional === undefined
        ? undefined
        : readFields(professional, 'Professional', [...PROFESSIONAL_FIELDS, LEGACY_COMPANY_FIELD], mode),
  });
}

function readChildren<T>(value: unknown, collection: ChildCollection, mode: Mode, read: (v: unknown, mode: Mode) => T): T[] {
  const children = members(asObject(value, collection), CHILD_COLLECTIONS[collection].element);
  return children.flatMap((child) => tolerate(mode, () => [read(child, mode)]) ?? []);
}

function readEmail(value: unknown, mode: Mode): WireEmail {
  return readFields(value, 'Email', ['ID', 'EmailType', 'Address', 'IsDefault'] as const, mode);
}

function readPhone(value: unknown, mode: Mode): WirePhone {
  return readFields(value, 'Phone', ['ID', 'PhoneType', 'Number'] as const, mode);
}

function readLocation(value: unknown, mode: Mode): WireLocation {
  return readFields(value, 'Location', ['ID', 'LocationType', ...LOCATION_FIELDS] as const, mode);
}

function readFields<K extends string>(value: unknown, what: string, fields: readonly K[], mode: Mode): { readonly [P in K]?: string } {
  const o = asObject(value, what);
  const out: { [P in K]?: string } = {};
  for (const field of fields) {
    const raw = member(o, field);
    // A child's ID is how it is addressed: a child whose ID cannot be read is not read at all.
    const v =
      raw === undefined ? undefined : field === 'ID' ? text(raw, `${what}/ID`) : tolerate(mode, () => text(raw, `${what}/${field}`));
    if (v !== undefined) out[field] = v;
  }
  return out;
}

/** Every element of a repeated name, whatever the spelling of each (so `<Contact>` and `<contact>` siblings are all read). */
function members(o: Readonly<Record<string, unknown>>, name: string): readonly unknown[] {
  const lower = name.toLowerCase();
  const keys = Object.keys(o).filter((key) => key.toLowerCase() === lower);
  return keys.length === 1 && keys[0] !== undefined ? asList(o[keys[0]]) : keys.flatMap((key) => asList(o[key]));
}

/** A child element by name, matched case-insensitively; the exact spelling is tried first (the common case, and the fast one). */
function member(o: Readonly<Record<string, unknown>>, name: string): unknown {
  const exact = o[name];
  if (exact !== undefined) return exact;
  const lower = name.toLowerCase();
  for (const key of Object.keys(o)) if (key.toLowerCase() === lower) return o[key];
  return undefined;
}

/** Element content that holds child elements; an empty or whitespace-only element is empty. */
function asObject(value: unknown, what: string): Readonly<Record<string, unknown>> {
  if (typeof value === 'string' && value.trim() === '') return {};
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  throw new Problem(`<${what}> should contain elements`);
}

function asList(value: unknown): readonly unknown[] {
  if (value === undefined) return [];
  if (Array.isArray(value)) return value;
  return [value];
}

function text(value: unknown, what: string): string {
  if (typeof value !== 'string') throw new Problem(`<${what}> should hold text (or appears twice)`);
  const decoded = decodeReferences(value);
  if (decoded === null) throw new Problem(`<${what}> holds an undefined entity reference`);
  return decoded;
}

function optionalText(value: unknown, what: string): string | undefined {
  return value === undefined ? undefined : text(value, what);
}

/** Drops undefined members, as `exactOptionalPropertyTypes` wants absent, not undefined. */
function compact<T extends object>(value: { [K in keyof T]: T[K] | undefined }): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

// ---- Encoding -------------------------------------------------------------------------------

function element(name: string, content: string | undefined): string {
  if (content === undefined) return '';
  return content === '' ? `<${name}/>` : `<${name}>${content}</${name}>`;
}

function leaf(name: string, value: string | undefined): string {
  return value === undefined ? '' : element(name, escapeText(value));
}

function fields(value: { readonly [key: string]: string | undefined }, names: readonly string[]): string {
  return names.map((n) => leaf(n, value[n])).join('');
}

function encodeProfiles(p: WireProfiles): string {
  return element(
    'Profiles',
    (p.Personal === undefined ? '' : element('Personal', fields(p.Personal, PERSONAL_FIELDS))) +
      (p.Professional === undefined ? '' : element('Professional', fields(p.Professional, PROFESSIONAL_FIELDS))),
  );
}

const CHILD_FIELDS = {
  Emails: ['ID', 'EmailType', 'Address', 'IsDefault'],
  Phones: ['ID', 'PhoneType', 'Number'],
  Locations: ['ID', 'LocationType', ...LOCATION_FIELDS],
} as const;

/** One `<Email>`, `<Phone>` or `<Location>`: the body of a child POST, or an entry of a PUT. */
export function encodeChild(collection: ChildCollection, child: WireEmail | WirePhone | WireLocation): string {
  const values = child as { readonly [key: string]: string | undefined };
  return element(CHILD_COLLECTIONS[collection].element, fields(values, CHILD_FIELDS[collection]));
}

function encodeCollection(collection: ChildCollection, children: readonly (WireEmail | WirePhone | WireLocation)[] | undefined): string {
  if (children === undefined) return '';
  return element(collection, children.map((c) => encodeChild(collection, c)).join(''));
}

/** A `<Contact>` holding exactly the elements present in `contact` (a POST body or a partial PUT). */
export function encodeContact(contact: WireContact): string {
  const body =
    leaf('ID', contact.ID) +
    (contact.Profiles === undefined ? '' : encodeProfiles(contact.Profiles)) +
    encodeCollection('Emails', contact.Emails) +
    encodeCollection('Phones', contact.Phones) +
    encodeCollection('Locations', contact.Locations) +
    leaf('Notes', contact.Notes) +
    (contact.Tags === undefined ? '' : element('Tags', contact.Tags.map((t) => leaf('Tag', t)).join('')));
  // An empty PUT body is still a `<Contact>` element (the conditional guard request of an update).
  return `<Contact>${body}</Contact>`;
}
