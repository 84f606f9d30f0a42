import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { decodeReferences, hasDoctype, inlineCdata } from '../windows-live/xml-text.js';

/**
 * A WebDAV multistatus body (RFC 4918 §14.16) read into plain data. Elements are matched by local
 * name: every name read here is unique across the DAV:, CardDAV and CalendarServer namespaces, and
 * the two servers prefix them differently (Radicale a default namespace, Xandikos `ns0:`). Never
 * throws; a body that is not a well-formed multistatus comes back as a problem, so a truncated
 * answer can never look like a smaller book. DOCTYPEs are refused (no entity expansion), and
 * nesting deeper than any DAV answer needs is refused before the parser sees it.
 */

export interface DavEntry {
  /** As the server wrote it (absolute or a path), percent-encoding untouched. */
  readonly href: string;
  /** A status directly under `response` (e.g. 404 for a deleted member), else null. */
  readonly status: number | null;
  /** The properties of every 2xx propstat, by local name. */
  readonly found: Readonly<Record<string, unknown>>;
}

export interface Multistatus {
  readonly entries: readonly DavEntry[];
  /** RFC 6578 §6.4: the new token of a sync-collection answer. */
  readonly syncToken: string | null;
}

export type Decoded<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: string };

const ARRAY_ELEMENTS: ReadonlySet<string> = new Set(['response', 'propstat', 'href', 'supported-report', 'address-data-type']);
const MAX_DEPTH = 64;

const parser = new XMLParser({
  processEntities: false,
  htmlEntities: false,
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  ignoreDeclaration: true,
  ignorePiTags: true,
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  jPath: false,
  isArray: (name) => ARRAY_ELEMENTS.has(name),
});

/** Deepest element nesting, counted without parsing (a hostile body may nest millions deep). */
function depthExceeds(xml: string, limit: number): boolean {
  let depth = 0;
  const tag = /<(\/?)[A-Za-z_][^>]*?(\/?)>/g;
  for (let m = tag.exec(xml); m !== null; m = tag.exec(xml)) {
    if (m[1] === '/') depth--;
    else if (m[2] !== '/') depth++;
    if (depth > limit) return true;
  }
  return false;
}

/** Parses an XML body into an object tree (local names), or a problem. */
export function parseXml(xml: string): Decoded<Record<string, unknown>> {
  if (hasDoctype(xml)) return { ok: false, problem: 'the body declares a DOCTYPE' };
  if (depthExceeds(xml, MAX_DEPTH)) return { ok: false, problem: `elements nested deeper than ${MAX_DEPTH}` };
  const text = inlineCdata(xml);
  const valid = XMLValidator.validate(text);
  if (valid !== true) return { ok: false, problem: `not well-formed XML (${valid.err.code} at line ${valid.err.line})` };
  try {
    const parsed: unknown = parser.parse(text);
    return typeof parsed === 'object' && parsed !== null
      ? { ok: true, value: parsed as Record<string, unknown> }
      : { ok: false, problem: 'empty document' };
  } catch (cause) {
    return { ok: false, problem: `unparseable XML (${cause instanceof Error ? cause.name : 'error'})` };
  }
}

const asRecord = (v: unknown): Record<string, unknown> | null =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
const asList = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** An element's text, entity references decoded; '' for an empty element, null for a malformed one. */
export function textOf(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return decodeReferences(value);
  const record = asRecord(value);
  if (record === null) return null;
  const inner = record['#text'];
  if (inner === undefined) return Object.keys(record).some((k) => !k.startsWith('@')) ? null : '';
  return typeof inner === 'string' ? decodeReferences(inner) : null;
}

/** `HTTP/1.1 404 Not Found` -> 404. */
export function statusCode(line: unknown): number | null {
  const text = textOf(line);
  const match = text === null ? null : /^\s*HTTP\/\d(?:\.\d)?\s+(\d{3})\b/.exec(text);
  return match?.[1] === undefined ? null : Number(match[1]);
}

/** The hrefs inside a property such as current-user-principal or addressbook-home-set. */
export function hrefsIn(value: unknown): string[] {
  return asList(asRecord(value)?.['href']).flatMap((h) => {
    const t = textOf(h)?.trim();
    return t ? [t] : [];
  });
}

/** Local names of an element's children (resourcetype, supported-report/report). */
export function childNames(value: unknown): string[] {
  const record = asRecord(value);
  return record === null ? [] : Object.keys(record).filter((k) => !k.startsWith('@') && k !== '#text');
}

/** Any element by local name in a parsed tree, depth first (for `supported-report-set` shapes). */
export function findAll(value: unknown, name: string, out: unknown[] = [], depth = 0): unknown[] {
  if (depth > MAX_DEPTH) return out;
  for (const item of asList(value)) {
    const record = asRecord(item);
    if (record === null) continue;
    for (const [key, child] of Object.entries(record)) {
      if (key === name) out.push(...asList(child));
      findAll(child, name, out, depth + 1);
    }
  }
  return out;
}

export function decodeMultistatus(xml: string): Decoded<Multistatus> {
  const parsed = parseXml(xml);
  if (!parsed.ok) return parsed;
  const root = asRecord(parsed.value['multistatus']);
  if (root === null) return { ok: false, problem: 'no multistatus element' };
  const entries: DavEntry[] = [];
  for (const raw of asList(root['response'])) {
    const response = asRecord(raw);
    const href = hrefsIn(response)[0];
    if (response === null || href === undefined) return { ok: false, problem: 'a response without an href' };
    const found: Record<string, unknown> = {};
    for (const ps of asList(response['propstat'])) {
      const propstat = asRecord(ps);
      const code = statusCode(propstat?.['status']);
      if (code === null) return { ok: false, problem: `propstat of ${href} without a status` };
      const prop = asRecord(propstat?.['prop']);
      if (code >= 200 && code < 300 && prop !== null) Object.assign(found, prop);
    }
    const status = response['status'] === undefined ? null : statusCode(response['status']);
    if (response['status'] !== undefined && status === null) return { ok: false, problem: `unreadable status of ${href}` };
    entries.push({ href, status, found });
  }
  const token = root['sync-token'];
  const syncToken = token === undefined ? null : textOf(token);
  if (token !== undefined && syncToken === null) return { ok: false, problem: 'unreadable sync-token' };
  return { ok: true, value: { entries, syncToken: syncToken?.trim() ?? null } };
}
