import { isFieldType, type WireContact } from '../wire.js';
import type { Book } from './book.js';
import { CODE, failure, type Failure } from './codes.js';

/**
 * `GET /v1/searchContacts` (a read path; the sync engine does not need it). Parameters [choice]:
 * `cid` a comma-separated list of contact ids (not integers: -40006 invalid contact criteria),
 * `fields` a comma-separated list of field types to return (present but empty: 80030; an unknown
 * type: -40007 invalid display criteria), `query` a case-insensitive substring of any value.
 */
export function searchContacts(book: Book, query: URLSearchParams): WireContact[] | Failure {
  const rawCids = query.get('cid');
  let cids: Set<number> | null = null;
  if (rawCids !== null) {
    const list = rawCids.split(',').map((s) => s.trim());
    if (list.some((s) => !/^[0-9]{1,15}$/.test(s))) return failure(CODE.INVALID_CONTACT_CRITERIA, `cid=${rawCids}`);
    cids = new Set(list.map(Number));
  }
  const rawFields = query.get('fields');
  let types: Set<string> | null = null;
  if (rawFields !== null) {
    const list = rawFields
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '');
    if (list.length === 0) return failure(CODE.EMPTY_FIELD_SET, 'fields= requests an empty field set');
    const unknown = list.find((s) => !isFieldType(s));
    if (unknown !== undefined) return failure(CODE.INVALID_DISPLAY_CRITERIA, `unknown field type ${unknown}`);
    types = new Set(list);
  }
  const needle = (query.get('query') ?? '').toLowerCase();
  const found: WireContact[] = [];
  for (const contact of [...book.contacts.values()].sort((a, b) => a.cid - b.cid)) {
    if (cids !== null && !cids.has(contact.cid)) continue;
    const wire = book.toWire(contact);
    if (needle !== '') {
      const text = wire.fields
        .map((f) => [f.data ?? '', ...Object.values(f.parts ?? {})].join(' '))
        .join(' ')
        .toLowerCase();
      if (!text.includes(needle)) continue;
    }
    found.push(types === null ? wire : { ...wire, fields: wire.fields.filter((f) => types.has(f.type)) });
  }
  return found;
}
