import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { MalformedBody, parseInteger, parseSeconds, type Decoded, type YahooCodec } from './codec.js';
import { htmlUnescape } from './html-escape.js';
import {
  FIELD_PARTS,
  FLAGS,
  isFieldType,
  isStructuredField,
  type FieldPart,
  type Flag,
  type ResponseEvent,
  type SyncResponse,
  type WireCategory,
  type WireContact,
  type WireError,
  type WireField,
  type WireResult,
} from './wire.js';
import { encodeXmlRequest } from './xml-request.js';

/** Names fast-xml-parser refuses as object keys; they are renamed so they read as unknown elements. */
const RESERVED = new Set(['__proto__', 'constructor', 'prototype']);
const rename = (name: string) => (RESERVED.has(name) ? `unsafe-${name}` : name);

/**
 * Ordered output, every attribute, no value coercion (ids are parsed deliberately below), no
 * trimming (a value may begin with a space), and no entity processing at all: the parser never
 * reads or expands a DOCTYPE's entities; the five XML entities and character references are decoded
 * here, and anything else is a malformed body.
 */
const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: false,
  htmlEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  transformTagName: rename,
  transformAttributeName: rename,
});

type Node = Readonly<Record<string, unknown>>;
export interface Element {
  readonly name: string;
  readonly attrs: Readonly<Record<string, unknown>>;
  readonly children: readonly Node[];
}

function asElement(node: Node): Element | null {
  const name = Object.keys(node).find((key) => key !== ':@' && key !== '#text');
  if (name === undefined) return null;
  const children = node[name];
  const attrs = node[':@'];
  return {
    name,
    attrs: typeof attrs === 'object' && attrs !== null ? (attrs as Record<string, unknown>) : {},
    children: Array.isArray(children) ? (children as Node[]) : [],
  };
}

export const elements = (element: Element): Element[] => element.children.flatMap((node) => asElement(node) ?? []);

const XML_ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Undoes the XML layer: the five predefined entities and character references, nothing else. */
function xmlDecode(raw: string): string {
  if (!raw.includes('&')) return raw;
  return raw.replace(/&([^;&\s]*);/g, (_whole, name: string) => {
    if (Object.hasOwn(XML_ENTITIES, name)) return XML_ENTITIES[name] ?? '';
    const numeric = /^#(?:x([0-9A-Fa-f]{1,6})|([0-9]{1,7}))$/.exec(name);
    const code = numeric === null ? NaN : numeric[1] !== undefined ? parseInt(numeric[1], 16) : parseInt(numeric[2] ?? '', 10);
    if (!(code > 0 && code <= 0x10ffff)) throw new MalformedBody(`undefined entity &${name};`);
    return String.fromCodePoint(code);
  });
}

function rawText(element: Element): string {
  return element.children.map((node) => (Object.hasOwn(node, '#text') ? String(node['#text']) : '')).join('');
}

/** Message text: only the XML layer (messages are not HTML-escaped). */
const messageText = (element: Element) => xmlDecode(rawText(element));
/** Values and category names: the XML layer, then the HTML escaping, each undone once (§2.3). */
const valueText = (element: Element) => htmlUnescape(xmlDecode(rawText(element)));
const attr = (element: Element, name: string): string | undefined => {
  const raw = Object.hasOwn(element.attrs, name) ? element.attrs[name] : undefined;
  return typeof raw === 'string' ? xmlDecode(raw) : undefined;
};

function flagValue(raw: string, name: string): boolean {
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  throw new MalformedBody(`flag ${name}="${raw}" is not a boolean`);
}

function field(element: Element): WireField | null {
  const type = element.name;
  if (!isFieldType(type)) return null; // an element this client does not know: not a field it maps
  const flags: Flag[] = FLAGS.filter((flag) => {
    const raw = attr(element, flag);
    return raw !== undefined && flagValue(raw, flag);
  });
  const title = attr(element, 'title');
  const fid = parseInteger(attr(element, 'fid'), `fid of <${type}>`);
  const base = { type, fid, flags, ...(title === undefined ? {} : { title: htmlUnescape(title) }) };
  if (!isStructuredField(type)) return { ...base, data: valueText(element) };
  const allowed: readonly string[] = FIELD_PARTS[type];
  const parts: Partial<Record<FieldPart, string>> = {};
  for (const part of elements(element)) if (allowed.includes(part.name)) parts[part.name as FieldPart] = valueText(part);
  return { ...base, parts };
}

function contact(element: Element): WireContact {
  const fields: WireField[] = [];
  const categories: { catid: number; name?: string }[] = [];
  for (const child of elements(element)) {
    if (child.name === 'category') {
      const name = valueText(child);
      categories.push({ catid: parseInteger(attr(child, 'catid'), 'catid'), ...(name === '' ? {} : { name }) });
    } else {
      const f = field(child);
      if (f !== null) fields.push(f);
    }
  }
  const lmt = attr(element, 'lmt');
  return {
    cid: parseInteger(attr(element, 'cid'), 'cid'),
    ...(lmt === undefined ? {} : { lmt: parseInteger(lmt, 'lmt') }),
    fields,
    categories,
  };
}

function error(element: Element): WireError {
  const part = (name: string): string | undefined => {
    const child = elements(element).find((c) => c.name === name);
    return child === undefined ? undefined : messageText(child);
  };
  const code = part('code');
  if (code === undefined) throw new MalformedBody('error without a code');
  const retry = part('retry-after')?.trim() ?? '';
  return {
    code: parseInteger(code, 'code'),
    userMessage: part('user-message') ?? '',
    debugMessage: part('debug-message') ?? '',
    ...(retry === '' ? {} : { retryAfter: parseSeconds(retry, 'retry-after') }),
  };
}

/** One child of `sync-response` (§2.3): a category of the table, a result, a change event, or null (unknown: ignored). */
export type ResponseChild =
  | { readonly kind: 'category'; readonly category: WireCategory }
  | { readonly kind: 'result'; readonly result: WireResult }
  | { readonly kind: 'event'; readonly event: ResponseEvent }
  | null;

export function readChild(child: Element): ResponseChild {
  switch (child.name) {
    case 'category':
      return { kind: 'category', category: { catid: parseInteger(attr(child, 'catid'), 'catid'), name: valueText(child) } };
    case 'success': {
      const action = attr(child, 'add-action');
      const cid = attr(child, 'cid');
      const catid = attr(child, 'catid');
      if (action !== undefined && action !== 'add' && action !== 'merge') throw new MalformedBody(`add-action="${action}"`);
      return {
        kind: 'result',
        result: {
          type: 'success',
          ...(action === undefined ? {} : { addAction: action }),
          ...(cid === undefined ? {} : { cid: parseInteger(cid, 'cid') }),
          ...(catid === undefined ? {} : { catid: parseInteger(catid, 'catid') }),
        },
      };
    }
    case 'error':
      return { kind: 'result', result: { type: 'error', ...error(child) } };
    case 'add-contact':
    case 'update-contact':
      return { kind: 'event', event: { type: child.name, contact: contact(child) } };
    case 'remove-contact':
      return { kind: 'event', event: { type: 'remove-contact', cid: parseInteger(attr(child, 'cid'), 'cid') } };
    case 'address-book-reset':
      return { kind: 'event', event: { type: 'address-book-reset' } };
    default:
      return null; // Unknown elements are ignored: newer servers may add some.
  }
}

/** The root's `rev` and `lmt` (§2.3). */
export function revisionOf(root: Element): { readonly rev: number; readonly lmt?: number } {
  const lmt = attr(root, 'lmt');
  return { rev: parseInteger(attr(root, 'rev'), 'rev'), ...(lmt === undefined ? {} : { lmt: parseInteger(lmt, 'lmt') }) };
}

function syncResponse(root: Element): SyncResponse {
  const categories: WireCategory[] = [];
  const results: WireResult[] = [];
  const events: ResponseEvent[] = [];
  for (const child of elements(root)) {
    const read = readChild(child);
    if (read?.kind === 'category') categories.push(read.category);
    else if (read?.kind === 'result') results.push(read.result);
    else if (read?.kind === 'event') events.push(read.event);
  }
  return { ...revisionOf(root), categories, results, events };
}

/**
 * One element cut out of a streamed body (kit/xml-splitter.ts), checked and read as the whole
 * document was: well-formed, no entity processing. Throws `MalformedBody`.
 */
export function parseElement(xml: string): Element {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new MalformedBody(`XML: ${valid.err.msg} (line ${valid.err.line})`);
  const nodes: unknown = parser.parse(xml);
  const element = (Array.isArray(nodes) ? (nodes as Node[]) : []).map(asElement).find((e): e is Element => e !== null);
  if (element === undefined) throw new MalformedBody('an empty element');
  return element;
}

/** A DOCTYPE line is tolerated (never fetched); an internal subset `[...]` could declare entities. */
function hasInternalSubset(text: string): boolean {
  const start = text.indexOf('<!DOCTYPE');
  if (start < 0) return false;
  let quote: string | null = null;
  for (let i = start + 9; i < text.length; i++) {
    const ch = text[i];
    if (quote !== null) {
      if (ch === quote) quote = null;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '[') return true;
    else if (ch === '>') return false;
  }
  return false;
}

export function decodeXmlResponse(text: string): Decoded {
  try {
    if (hasInternalSubset(text)) return { kind: 'malformed', reason: 'DOCTYPE with an internal subset' };
    const valid = XMLValidator.validate(text);
    if (valid !== true) return { kind: 'malformed', reason: `XML: ${valid.err.msg} (line ${valid.err.line})` };
    const nodes: unknown = parser.parse(text);
    const root = (Array.isArray(nodes) ? (nodes as Node[]) : []).map(asElement).find((e): e is Element => e !== null);
    if (root?.name === 'sync-response') return { kind: 'sync', response: syncResponse(root) };
    if (root?.name === 'error') return { kind: 'error', error: error(root) };
    return { kind: 'malformed', reason: `unexpected root <${root?.name ?? ''}>` };
  } catch (failure) {
    // MalformedBody from the checks above, or the parser's own refusal of a hostile document.
    return { kind: 'malformed', reason: failure instanceof Error ? failure.message : 'unreadable XML' };
  }
}

/** XML 1.0 cannot carry C0 controls other than tab, LF and CR, nor U+FFFE / U+FFFF, even escaped. */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

export const xmlCodec: YahooCodec = {
  format: 'xml',
  contentType: 'application/xml; charset=utf-8',
  accepts: (contentType) => contentType === null || /\bxml\b/i.test(contentType),
  encodeRequest: encodeXmlRequest,
  decodeResponse: decodeXmlResponse,
  cannotCarry: (text) => NOT_XML.test(text),
};
