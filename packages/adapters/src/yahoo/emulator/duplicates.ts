import { FIELD_PARTS, isStructuredField, type WireField } from '../wire.js';
import type { StoredContact } from './book.js';

/**
 * Duplicate contacts (seed codes -40042..-40045, `add-action="merge"`). Two contacts are compared
 * by their fields only, as multisets: a field is its type, flags, title and value, trimmed, with
 * runs of spaces collapsed and case ignored. Categories do not count.
 */
export function fieldKey(field: WireField): string {
  const norm = (text: string) => text.trim().replace(/\s+/g, ' ').toLowerCase();
  const value = isStructuredField(field.type)
    ? FIELD_PARTS[field.type].map((part) => norm(field.parts?.[part] ?? '')).join('\u0001')
    : norm(field.data ?? '');
  return [field.type, [...field.flags].sort().join(','), norm(field.title ?? ''), value].join('\u0002');
}

export type Relation = 'equal' | 'subset' | 'superset';

function counts(fields: readonly WireField[]): Map<string, number> {
  const map = new Map<string, number>();
  for (const field of fields) {
    const key = fieldKey(field);
    map.set(key, (map.get(key) ?? 0) + 1);
  }
  return map;
}

function contains(outer: ReadonlyMap<string, number>, inner: ReadonlyMap<string, number>): boolean {
  for (const [key, n] of inner) if ((outer.get(key) ?? 0) < n) return false;
  return true;
}

/** Stored contacts are immutable (a change replaces the object), so their key counts are cached. */
const cache = new WeakMap<StoredContact, Map<string, number>>();
function countsOf(contact: StoredContact): Map<string, number> {
  let cached = cache.get(contact);
  if (cached === undefined) {
    cached = counts(contact.fields);
    cache.set(contact, cached);
  }
  return cached;
}

/** How `fields` relates to `other`'s fields, or null when neither contains the other. */
export function relation(fields: readonly WireField[], other: readonly WireField[]): Relation | null {
  return relate(counts(fields), counts(other));
}

function relate(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): Relation | null {
  const aInB = contains(b, a);
  const bInA = contains(a, b);
  if (aInB && bInA) return 'equal';
  if (aInB) return 'subset';
  if (bInA) return 'superset';
  return null;
}

/** Every contact of the book (but `except`) that `fields` duplicates, with the relation. */
export function findDuplicates(
  fields: readonly WireField[],
  contacts: Iterable<StoredContact>,
  except?: number,
): { readonly cid: number; readonly relation: Relation }[] {
  const found: { cid: number; relation: Relation }[] = [];
  const mine = counts(fields);
  for (const contact of contacts) {
    if (contact.cid === except || contact.fields.length === 0) continue;
    const r = relate(mine, countsOf(contact));
    if (r !== null) found.push({ cid: contact.cid, relation: r });
  }
  return found.sort((x, y) => x.cid - y.cid);
}
