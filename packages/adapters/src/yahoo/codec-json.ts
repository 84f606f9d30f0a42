import { MalformedBody, parseInteger, parseSeconds, type Decoded, type YahooCodec } from './codec.js';
import { htmlUnescape } from './html-escape.js';
import { encodeJsonRequest } from './json-request.js';
import {
  FIELD_PARTS,
  FLAGS,
  NUMERIC_PARTS,
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

/**
 * The checked JSON decoder (docs/yahoo.md §2.4). Every property is read as an own property and
 * checked before use; nothing from the body is spread or copied by key, so `__proto__` or
 * `constructor` keys are just unknown keys, ignored like any other. Unknown properties and unknown
 * event types are ignored (newer servers may add some); known ones of the wrong type are malformed.
 */
export type Obj = { readonly [key: string]: unknown };

export function obj(value: unknown, what: string): Obj {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new MalformedBody(`${what} is not an object`);
  return value as Obj;
}

export const get = (o: Obj, key: string): unknown => (Object.hasOwn(o, key) ? o[key] : undefined);

export function list(o: Obj, key: string, what: string): readonly unknown[] {
  const value = get(o, key);
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new MalformedBody(`${what}.${key} is not an array`);
  return value;
}

/** `where` names the place for the error message; it is only built when the body is malformed. */
function text(value: unknown, where: string, part = ''): string {
  if (typeof value !== 'string') throw new MalformedBody(`${where}${part === '' ? '' : `.${part}`} is not a string`);
  return value;
}

const optionalText = (value: unknown, where: string, part = ''): string =>
  value === undefined || value === null ? '' : text(value, where, part);

function flag(value: unknown, where: string, name: string): boolean {
  if (value === undefined || value === null || value === false || value === 'false') return false;
  if (value === true || value === 'true') return true;
  throw new MalformedBody(`${where}.${name} is not a boolean`);
}

/** The hot path of a large pull: one call per field, so it allocates as little as it can. */
function field(o: Obj): WireField | null {
  const type = get(o, 'type');
  if (typeof type !== 'string' || !isFieldType(type)) return null; // a field type this client does not map
  const flags: Flag[] = [];
  for (const f of FLAGS) if (flag(get(o, f), type, f)) flags.push(f);
  const fid = parseInteger(get(o, 'fid'), 'fid');
  const rawTitle = get(o, 'title');
  const title = rawTitle === undefined ? undefined : htmlUnescape(text(rawTitle, type, 'title'));
  if (!isStructuredField(type)) {
    const data = htmlUnescape(optionalText(get(o, 'data'), type, 'data'));
    return title === undefined ? { type, fid, flags, data } : { type, fid, flags, title, data };
  }
  const parts: Partial<Record<FieldPart, string>> = {};
  for (const part of FIELD_PARTS[type]) {
    const raw = get(o, part);
    if (raw === undefined || raw === null) continue;
    parts[part] =
      typeof raw === 'number' && NUMERIC_PARTS.has(part) ? String(parseInteger(raw, part)) : htmlUnescape(text(raw, type, part));
  }
  return title === undefined ? { type, fid, flags, parts } : { type, fid, flags, title, parts };
}

function contact(o: Obj, what: string): WireContact {
  const fields: WireField[] = [];
  for (const f of list(o, 'fields', what)) {
    const read = field(obj(f, 'field'));
    if (read !== null) fields.push(read);
  }
  const categories = list(o, 'categories', what).map((c) => {
    const ref = obj(c, 'category');
    const data = get(ref, 'data');
    return {
      catid: parseInteger(get(ref, 'catid'), 'catid'),
      ...(typeof data === 'string' && data !== '' ? { name: htmlUnescape(data) } : {}),
    };
  });
  const lmt = get(o, 'lmt');
  return { cid: parseInteger(get(o, 'cid'), 'cid'), ...(lmt === undefined ? {} : { lmt: parseInteger(lmt, 'lmt') }), fields, categories };
}

export function error(o: Obj): WireError {
  const retry = get(o, 'retry_after');
  return {
    code: parseInteger(get(o, 'code'), 'error.code'),
    userMessage: optionalText(get(o, 'user_message'), 'error', 'user_message'),
    debugMessage: optionalText(get(o, 'debug_message'), 'error', 'debug_message'),
    ...(retry === undefined || retry === null || retry === '' ? {} : { retryAfter: parseSeconds(retry, 'retry_after') }),
  };
}

export function result(value: unknown): WireResult {
  const o = obj(value, 'result');
  const type = get(o, 'type');
  if (type === 'error') return { type: 'error', ...error(o) };
  if (type !== 'success') throw new MalformedBody(`result of type ${JSON.stringify(type)}`);
  const action = get(o, 'add_action');
  if (action !== undefined && action !== 'add' && action !== 'merge') throw new MalformedBody(`add_action ${JSON.stringify(action)}`);
  const cid = get(o, 'cid');
  const catid = get(o, 'catid');
  return {
    type: 'success',
    ...(action === undefined ? {} : { addAction: action }),
    ...(cid === undefined ? {} : { cid: parseInteger(cid, 'cid') }),
    ...(catid === undefined ? {} : { catid: parseInteger(catid, 'catid') }),
  };
}

export function event(value: unknown): ResponseEvent | null {
  const o = obj(value, 'event');
  switch (get(o, 'type')) {
    case 'add_contact':
      return { type: 'add-contact', contact: contact(o, 'add_contact') };
    case 'update_contact':
      return { type: 'update-contact', contact: contact(o, 'update_contact') };
    case 'remove_contact':
      return { type: 'remove-contact', cid: parseInteger(get(o, 'cid'), 'remove_contact.cid') };
    case 'address_book_reset':
      return { type: 'address-book-reset' };
    default:
      return null;
  }
}

/** The category table of a `sync_response` (§2.4). */
export function categoryTable(o: Obj): WireCategory[] {
  return list(o, 'categories', 'sync_response').map((c) => {
    const category = obj(c, 'category');
    return { catid: parseInteger(get(category, 'catid'), 'catid'), name: htmlUnescape(text(get(category, 'data'), 'category', 'data')) };
  });
}

function syncResponse(o: Obj): SyncResponse {
  const lmt = get(o, 'lmt');
  return {
    rev: parseInteger(get(o, 'rev'), 'rev'),
    ...(lmt === undefined ? {} : { lmt: parseInteger(lmt, 'lmt') }),
    categories: categoryTable(o),
    results: list(o, 'results', 'sync_response').map(result),
    events: list(o, 'events', 'sync_response').flatMap((e) => event(e) ?? []),
  };
}

export function decodeJsonResponse(body: string): Decoded {
  try {
    const root = obj(JSON.parse(body) as unknown, 'response');
    const type = get(root, 'type');
    if (type === 'sync_response') return { kind: 'sync', response: syncResponse(root) };
    if (type === 'error') return { kind: 'error', error: error(root) };
    return { kind: 'malformed', reason: `unexpected response type ${JSON.stringify(type)}` };
  } catch (failure) {
    // MalformedBody from the checks, or JSON.parse's SyntaxError for a truncated or invalid body.
    return { kind: 'malformed', reason: failure instanceof Error ? failure.message : 'unreadable JSON' };
  }
}

export const jsonCodec: YahooCodec = {
  format: 'json',
  contentType: 'application/json; charset=utf-8',
  // The contract serves application/json; the original service used text/javascript (§2.1).
  accepts: (contentType) => contentType === null || /\b(json|javascript)\b/i.test(contentType),
  encodeRequest: encodeJsonRequest,
  decodeResponse: decodeJsonResponse,
  cannotCarry: () => false,
};
