import { LOCATION_FIELDS, PERSONAL_FIELDS, PROFESSIONAL_FIELDS, type ChildCollection } from '../wire.js';
import type { StoredChild, StoredContact } from './stored.js';

/** The emulator's XML output (docs/windows-live.md §1.3 document shape). Strings are built directly: fast for large books. */

function escape(text: string): string {
  // `\r` as a reference: a raw one would be normalised away by the reader's XML parser.
  return text.replace(/[&<>\r]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&#13;'));
}

export function leaf(name: string, value: string): string {
  return value === '' ? `<${name}/>` : `<${name}>${escape(value)}</${name}>`;
}

export function writePersonal(c: StoredContact): string {
  return `<Personal>${PERSONAL_FIELDS.map((f) => leaf(f, c.personal[f])).join('')}</Personal>`;
}

export function writeProfessional(c: StoredContact): string {
  return `<Professional>${PROFESSIONAL_FIELDS.map((f) => leaf(f, c.professional[f])).join('')}</Professional>`;
}

export function writeProfiles(c: StoredContact): string {
  return `<Profiles>${writePersonal(c)}${writeProfessional(c)}</Profiles>`;
}

const CHILD_SHAPE = {
  Emails: { element: 'Email', names: ['ID', 'EmailType', 'Address', 'IsDefault'] },
  Phones: { element: 'Phone', names: ['ID', 'PhoneType', 'Number'] },
  Locations: { element: 'Location', names: ['ID', 'LocationType', ...LOCATION_FIELDS] },
} as const;

export function writeChild(collection: ChildCollection, child: StoredChild): string {
  const spec = CHILD_SHAPE[collection];
  const values = child as unknown as Readonly<Record<string, string>>;
  return `<${spec.element}>${spec.names.map((n) => leaf(n, values[n] ?? '')).join('')}</${spec.element}>`;
}

export function writeCollection(collection: ChildCollection, children: readonly StoredChild[]): string {
  return `<${collection}>${children.map((c) => writeChild(collection, c)).join('')}</${collection}>`;
}

export function writeTags(tags: readonly string[]): string {
  return `<Tags>${tags.map((t) => leaf('Tag', t)).join('')}</Tags>`;
}

export function writeNotes(notes: string): string {
  return leaf('Notes', notes);
}

export function writeContact(c: StoredContact): string {
  return (
    `<Contact><ID>${escape(c.id)}</ID>${writeProfiles(c)}` +
    writeCollection('Emails', c.emails) +
    writeCollection('Phones', c.phones) +
    writeCollection('Locations', c.locations) +
    writeNotes(c.notes) +
    writeTags(c.tags) +
    '</Contact>'
  );
}

export function writeTombstone(id: string): string {
  return `<Contact><ID>${escape(id)}</ID><IsDeleted>true</IsDeleted></Contact>`;
}

export function writeOwner(cid: string): string {
  return `<Owner><CID>${escape(cid)}</CID></Owner>`;
}

const DECLARATION = '<?xml version="1.0" encoding="utf-8"?>';

/** A root document: a whole book (with Owner) or a delta (contacts and tombstones only). */
export function writeRoot(parts: { readonly owner?: string; readonly contacts: readonly string[] }): string {
  return `${DECLARATION}<LiveContacts>${parts.owner ?? ''}<Contacts>${parts.contacts.join('')}</Contacts></LiveContacts>`;
}

export function document(body: string): string {
  return DECLARATION + body;
}
