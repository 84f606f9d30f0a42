import { XMLParser, XMLValidator } from 'fast-xml-parser';
import {
  CHILD_COLLECTIONS,
  LOCATION_FIELDS,
  PERSONAL_FIELDS,
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
 * The client's XML codec (PROTOCOLS.md §1.3). Decoding never throws: a body that is not the
 * expected document comes back as a `problem`, which the client turns into a typed failure.
 * The reader is tolerant of elements it does not know (another implementation may send more than
 * the contract's schema) and strict about structure (a truncated body must never look like a
 * smaller book, or a snapshot would delete contacts).
 */

export type Decoded<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: string };

/** Elements that are always lists, so one child and many children parse the same way. */
const ARRAY_ELEMENTS: ReadonlySet<string> = new Set(['Contact', 'Email', 'Phone', 'Location', 'Tag']);

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
  isArray: (name) => ARRAY_ELEMENTS.has(name),
});

class Problem {
  constructor(readonly message: string) {}
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
  if (names.length !== 1 || names[0] !== rootName) {
    throw new Problem(`expected one <${rootName}> root element, got ${names.map((n) => `<${n}>`).join(', ') || 'none'}`);
  }
  return root[rootName];
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
    const contacts = root['Contacts'] === undefined ? {} : asObject(root['Contacts'], 'Contacts');
    return { contacts: asList(contacts['Contact']).map((c) => readContact(c)) };
  });
}

/** A `<Contact>` document: the answer to `GET Contacts/Contact({id})`. */
export function decodeContact(xml: string): Decoded<WireContact> {
  return guard(() => {
    const [only, ...rest] = asList(parseDocument(xml, 'Contact'));
    if (only === undefined || rest.length > 0) throw new Problem('expected exactly one <Contact>');
    return readContact(only);
  });
}

function readContact(value: unknown): WireContact {
  const c = asObject(value, 'Contact');
  return compact({
    ID: optionalText(c['ID'], 'ID'),
    Profiles: c['Profiles'] === undefined ? undefined : readProfiles(c['Profiles']),
    Emails: c['Emails'] === undefined ? undefined : readChildren(c['Emails'], 'Emails').map(readEmail),
    Phones: c['Phones'] === undefined ? undefined : readChildren(c['Phones'], 'Phones').map(readPhone),
    Locations: c['Locations'] === undefined ? undefined : readChildren(c['Locations'], 'Locations').map(readLocation),
    Notes: optionalText(c['Notes'], 'Notes'),
    Tags: c['Tags'] === undefined ? undefined : asList(asObject(c['Tags'], 'Tags')['Tag']).map((t) => text(t, 'Tag')),
    IsDeleted: optionalText(c['IsDeleted'], 'IsDeleted'),
  });
}

function readProfiles(value: unknown): WireProfiles {
  const p = asObject(value, 'Profiles');
  return compact({
    Personal: p['Personal'] === undefined ? undefined : readFields(p['Personal'], 'Personal', PERSONAL_FIELDS),
    Professional:
      p['Professional'] === undefined ? undefined : readFields(p['Professional'], 'Professional', PROFESSIONAL_FIELDS),
  });
}

function readChildren(value: unknown, collection: ChildCollection): readonly unknown[] {
  return asList(asObject(value, collection)[CHILD_COLLECTIONS[collection].element]);
}

function readEmail(value: unknown): WireEmail {
  return readFields(value, 'Email', ['ID', 'EmailType', 'Address', 'IsDefault'] as const);
}

function readPhone(value: unknown): WirePhone {
  return readFields(value, 'Phone', ['ID', 'PhoneType', 'Number'] as const);
}

function readLocation(value: unknown): WireLocation {
  return readFields(value, 'Location', ['ID', 'LocationType', ...LOCATION_FIELDS] as const);
}

function readFields<K extends string>(value: unknown, what: string, fields: readonly K[]): { readonly [P in K]?: string } {
  const o = asObject(value, what);
  const out: { [P in K]?: string } = {};
  for (const field of fields) {
    const v = optionalText(o[field], `${what}/${field}`);
    if (v !== undefined) out[field] = v;
  }
  return out;
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
