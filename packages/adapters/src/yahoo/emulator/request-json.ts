import {
  FIELD_PARTS,
  FLAGS,
  NUMERIC_PARTS,
  isFieldType,
  isStructuredField,
  type CategoryChange,
  type CategoryRef,
  type FieldChange,
  type FieldPart,
  type Flag,
  type RequestEvent,
  type WireField,
} from '../wire.js';
import { CODE, failure } from './codes.js';
import { unescapeHtml } from './html-text.js';
import { NO_ID, EventError, invalidEvent, parseFlag, parseId, readEvent, type ParsedRequest } from './request-model.js';

type JsonObject = { readonly [key: string]: unknown };

const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/** An own property only: `__proto__` or `constructor` in a body are plain unknown keys here. */
const prop = (object: JsonObject, key: string): unknown => (Object.hasOwn(object, key) ? object[key] : undefined);

/**
 * Reads a JSON `sync_request` (§2.4). The events go in `events`; `contacts` is accepted too, as one
 * example of the original guide used it. Returns null when the body is not a sync request.
 */
export function readJsonRequest(body: unknown): ParsedRequest | null {
  if (!isObject(body) || prop(body, 'type') !== 'sync_request') return null;
  const events = prop(body, 'events') ?? prop(body, 'contacts') ?? [];
  if (!Array.isArray(events)) return null;
  return { events: events.map((event: unknown) => readEvent(() => readJsonEvent(event))) };
}

function readJsonEvent(event: unknown): RequestEvent {
  if (!isObject(event)) return invalidEvent('event is not an object');
  const type = prop(event, 'type');
  switch (type) {
    case 'add_contact':
      return { type: 'add-contact', ...readContactChanges(event, false) };
    case 'update_contact':
      return { type: 'update-contact', cid: requireCid(event), ...readContactChanges(event, true) };
    case 'remove_contact':
      return { type: 'remove-contact', cid: requireCid(event) };
    case 'add_category':
      return { type: 'add-category', name: text(prop(event, 'data'), 'add_category.data') };
    case 'rename_category': {
      const old = prop(event, 'old_category');
      const renamed = prop(event, 'new_category');
      if (!isObject(old) || !isObject(renamed)) return invalidEvent('rename_category needs old_category and new_category');
      return { type: 'rename-category', old: categoryRef(old), name: text(prop(renamed, 'data'), 'new_category.data') };
    }
    case 'remove_category':
      return { type: 'remove-category', ref: categoryRef(event) };
    default:
      return invalidEvent(`unknown event type ${JSON.stringify(type)}`);
  }
}

function text(value: unknown, where: string): string {
  if (typeof value === 'string') return unescapeHtml(value);
  if (value === undefined) return '';
  return invalidEvent(`${where} is not a string`);
}

function requireCid(event: JsonObject): number {
  const cid = parseId(prop(event, 'cid'));
  if (cid === undefined || cid === NO_ID || cid <= 0) {
    throw new EventError(failure(CODE.INVALID_CID, `${String(prop(event, 'type'))} has a missing or invalid cid`));
  }
  return cid;
}

function categoryRef(object: JsonObject): CategoryRef {
  const catid = prop(object, 'catid');
  if (catid !== undefined) return { catid: parseId(catid) ?? NO_ID };
  return { name: text(prop(object, 'data'), 'category.data') };
}

function list(event: JsonObject, key: string): readonly unknown[] {
  const value = prop(event, key);
  if (value === undefined) return [];
  if (!Array.isArray(value)) return invalidEvent(`${key} is not an array`);
  return value;
}

function readContactChanges(event: JsonObject, isUpdate: boolean) {
  const fields: FieldChange[] = [];
  const categories: CategoryChange[] = [];
  for (const item of list(event, 'fields')) {
    if (!isObject(item)) return invalidEvent('field is not an object');
    const type = prop(item, 'type');
    if (typeof type !== 'string') return invalidEvent('field without a type');
    const fid = () => parseId(prop(item, 'fid')) ?? NO_ID;
    if (type === 'remove_field' && isUpdate) fields.push({ op: 'remove', fid: fid() });
    else if (type.startsWith('add_')) fields.push({ op: 'add', field: readField(item, type.slice(4)) });
    else if (type.startsWith('update_') && isUpdate) fields.push({ op: 'update', fid: fid(), field: readField(item, type.slice(7)) });
    else invalidEvent(`unknown field change ${type}`);
  }
  for (const item of list(event, 'categories')) {
    if (!isObject(item)) return invalidEvent('category change is not an object');
    const type = prop(item, 'type');
    if (type === 'add_to_category') categories.push({ op: 'add', ref: categoryRef(item) });
    else if (type === 'remove_from_category' && isUpdate) categories.push({ op: 'remove', ref: categoryRef(item) });
    else invalidEvent(`unknown category change ${JSON.stringify(type)}`);
  }
  return { fields, categories };
}

function readField(item: JsonObject, typeName: string): WireField {
  if (!isFieldType(typeName)) return invalidEvent(`unknown field type ${typeName}`);
  const flags: Flag[] = [];
  for (const flag of FLAGS) {
    const raw = prop(item, flag);
    if (raw === undefined) continue;
    const value = parseFlag(raw);
    if (value === null) invalidEvent(`flag ${flag} is not a boolean`);
    if (value) flags.push(flag);
  }
  const title = prop(item, 'title');
  const base = { type: typeName, flags, ...(title === undefined ? {} : { title: text(title, 'title') }) };
  if (!isStructuredField(typeName)) return { ...base, data: text(prop(item, 'data'), `${typeName}.data`) };
  const parts: Partial<Record<FieldPart, string>> = {};
  for (const part of FIELD_PARTS[typeName]) {
    const raw = prop(item, part);
    if (raw === undefined) continue;
    if (typeof raw === 'number' && NUMERIC_PARTS.has(part) && Number.isSafeInteger(raw)) parts[part] = String(raw);
    else parts[part] = text(raw, `${typeName}.${part}`);
  }
  return { ...base, parts };
}
