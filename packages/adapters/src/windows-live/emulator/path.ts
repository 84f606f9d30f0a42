import {
  ALLOW_ANY_METHOD,
  ALLOW_SINGLETON,
  CHILD_COLLECTIONS,
  PERSONAL_FIELDS,
  PROFESSIONAL_FIELDS,
  type ChildCollection,
} from '../wire.js';

/**
 * Request paths (docs/windows-live.md §1.1, §1.2): `/users/@L@{lid}/rest/LiveContacts/...` or the same
 * book as `@C@{cid}`, matched case-insensitively, element ids in parentheses.
 */

export type Target =
  | { readonly kind: 'root' }
  | { readonly kind: 'owner' }
  | { readonly kind: 'contacts' }
  | { readonly kind: 'contact'; readonly id: string }
  /** A single-valued element of a contact, e.g. ['Profiles', 'Personal', 'FirstName'] or ['Notes']. */
  | { readonly kind: 'element'; readonly id: string; readonly path: readonly string[] }
  | { readonly kind: 'collection'; readonly id: string; readonly collection: ChildCollection }
  | { readonly kind: 'child'; readonly id: string; readonly collection: ChildCollection; readonly childId: string };

export interface ParsedPath {
  /** The book addressed, as a lowercase lid (a cid is converted); null when it names no valid book. */
  readonly lid: string | null;
  /** The path up to and including `LiveContacts`, as received (for `Location` headers). */
  readonly base: string;
  /** null: no such resource (404). */
  readonly target: Target | null;
}

/** The cid form of a lid: its 64 bits read as a signed decimal. */
export function lidToCid(lid: string): string {
  return BigInt.asIntN(64, BigInt(`0x${lid}`)).toString();
}

function cidToLid(cid: string): string | null {
  if (!/^-?\d{1,20}$/.test(cid)) return null;
  const value = BigInt(cid);
  if (value < -(2n ** 63n) || value >= 2n ** 63n) return null;
  return BigInt.asUintN(64, value).toString(16).padStart(16, '0');
}

const CANONICAL: ReadonlyMap<string, string> = new Map(
  ['Profiles', 'Personal', 'Professional', 'Notes', 'Tags', ...PERSONAL_FIELDS, ...PROFESSIONAL_FIELDS].map((n) => [n.toLowerCase(), n]),
);

const COLLECTIONS: ReadonlyMap<string, ChildCollection> = new Map(
  (Object.keys(CHILD_COLLECTIONS) as ChildCollection[]).map((c) => [c.toLowerCase(), c]),
);

function elementPath(segments: readonly string[]): readonly string[] | null {
  const names = segments.map((s) => CANONICAL.get(s.toLowerCase()));
  if (names.some((n) => n === undefined)) return null;
  const [a, b, c, ...rest] = names as string[];
  if (rest.length > 0) return null;
  if ((a === 'Notes' || a === 'Tags') && b === undefined) return [a];
  if (a !== 'Profiles') return null;
  if (b === undefined) return [a];
  const fields: readonly string[] | undefined = b === 'Personal' ? PERSONAL_FIELDS : b === 'Professional' ? PROFESSIONAL_FIELDS : undefined;
  if (fields === undefined) return null;
  if (c === undefined) return [a, b];
  return fields.includes(c) ? [a, b, c] : null;
}

function idIn(segment: string | undefined, element: string): string | null {
  if (segment === undefined) return null;
  const match = new RegExp(`^${element}\\((.+)\\)$`, 'i').exec(segment);
  return match?.[1] ?? null;
}

function target(segments: readonly string[]): Target | null {
  const [first, second, third, fourth, ...rest] = segments;
  if (first === undefined) return { kind: 'root' };
  const head = first.toLowerCase();
  if (head === 'owner') return second === undefined ? { kind: 'owner' } : null;
  if (head !== 'contacts') return null;
  if (second === undefined) return { kind: 'contacts' };
  const id = idIn(second, 'Contact');
  if (id === null) return null;
  if (third === undefined) return { kind: 'contact', id };
  const collection = COLLECTIONS.get(third.toLowerCase());
  if (collection !== undefined) {
    if (fourth === undefined) return { kind: 'collection', id, collection };
    const childId = idIn(fourth, CHILD_COLLECTIONS[collection].element);
    return childId !== null && rest.length === 0 ? { kind: 'child', id, collection, childId } : null;
  }
  const path = elementPath(segments.slice(2));
  return path === null ? null : { kind: 'element', id, path };
}

/** null when the path is not under `/users/@L@…/rest/LiveContacts` at all. */
export function parsePath(pathname: string): ParsedPath | null {
  const match = /^(\/users\/@([lc])@([^/]+)\/rest\/livecontacts)(\/.*)?$/i.exec(pathname);
  if (match === null) return null;
  const [, base = '', form = '', address = '', tail = ''] = match;
  const lid = form.toLowerCase() === 'l' ? (/^[0-9a-f]{16}$/i.test(address) ? address.toLowerCase() : null) : cidToLid(address);
  let segments: string[];
  try {
    segments = tail
      .split('/')
      .filter((s) => s !== '')
      .map(decodeURIComponent);
  } catch {
    return { lid, base, target: null };
  }
  return { lid, base, target: target(segments) };
}

/** The methods each resource answers (§1.2); everything else there is 405. */
export const ALLOWED_METHODS = {
  root: ['GET'],
  owner: ['GET', 'PUT'],
  contacts: ['POST', 'GET'],
  contact: ['PUT', 'GET', 'DELETE'],
  element: ['GET', 'PUT'],
  collection: ['POST', 'GET'],
  child: ['PUT', 'GET', 'DELETE'],
} as const satisfies Record<Target['kind'], readonly string[]>;

const KNOWN_METHODS: ReadonlySet<string> = new Set(['GET', 'POST', 'PUT', 'DELETE']);

/**
 * The `Allow` header of a 405, or null when the method is allowed. Singletons answer the
 * documented `GET, PUT`; a method outside the four answers `POST, PUT, GET, DELETE` (seed, 405).
 */
export function disallowed(method: string, kind: Target['kind']): string | null {
  if (!KNOWN_METHODS.has(method)) return ALLOW_ANY_METHOD;
  const allowed: readonly string[] = ALLOWED_METHODS[kind];
  if (allowed.includes(method)) return null;
  return kind === 'owner' || kind === 'element' ? ALLOW_SINGLETON : allowed.join(', ');
}
