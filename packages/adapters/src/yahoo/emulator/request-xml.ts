import {
  FIELD_PARTS,
  FLAGS,
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
import { childElements, textOf, type XmlElement } from './xml-reader.js';

/**
 * Reads an XML `sync-request` (§2.3) already parsed by `readXml`. Returns null when the root is not
 * a `sync-request` (the route answers 80040 for the whole request).
 */
export function readXmlRequest(root: XmlElement): ParsedRequest | null {
  if (root.name !== 'sync-request') return null;
  return { events: childElements(root).map((element) => readEvent(() => readXmlEvent(element))) };
}

function readXmlEvent(element: XmlElement): RequestEvent {
  switch (element.name) {
    case 'add-contact':
      return { type: 'add-contact', ...readContactChanges(element, false) };
    case 'update-contact':
      return { type: 'update-contact', cid: requireCid(element), ...readContactChanges(element, true) };
    case 'remove-contact':
      return { type: 'remove-contact', cid: requireCid(element) };
    case 'add-category':
      return { type: 'add-category', name: unescapeHtml(textOf(element)) };
    case 'rename-category': {
      const children = childElements(element);
      const old = children.find((c) => c.name === 'old-category');
      const renamed = children.find((c) => c.name === 'new-category');
      if (old === undefined || renamed === undefined) invalidEvent('rename-category needs old-category and new-category');
      return { type: 'rename-category', old: categoryRef(old), name: unescapeHtml(textOf(renamed)) };
    }
    case 'remove-category':
      return { type: 'remove-category', ref: categoryRef(element) };
    default:
      return invalidEvent(`unknown event <${element.name}>`);
  }
}

function requireCid(element: XmlElement): number {
  const cid = parseId(element.attrs.get('cid'));
  if (cid === undefined || cid === NO_ID || cid <= 0) {
    throw new EventError(failure(CODE.INVALID_CID, `<${element.name}> has a missing or invalid cid`));
  }
  return cid;
}

function categoryRef(element: XmlElement): CategoryRef {
  const raw = element.attrs.get('catid');
  if (raw !== undefined) return { catid: parseId(raw) ?? NO_ID };
  return { name: unescapeHtml(textOf(element)) };
}

function readContactChanges(element: XmlElement, isUpdate: boolean) {
  const fields: FieldChange[] = [];
  const categories: CategoryChange[] = [];
  for (const child of childElements(element)) {
    const name = child.name;
    if (name === 'add-to-category') categories.push({ op: 'add', ref: categoryRef(child) });
    else if (name === 'remove-from-category' && isUpdate) categories.push({ op: 'remove', ref: categoryRef(child) });
    else if (name === 'remove-field' && isUpdate) fields.push({ op: 'remove', fid: parseId(child.attrs.get('fid')) ?? NO_ID });
    else if (name.startsWith('add-')) fields.push({ op: 'add', field: readField(child, name.slice(4)) });
    else if (name.startsWith('update-') && isUpdate) {
      fields.push({ op: 'update', fid: parseId(child.attrs.get('fid')) ?? NO_ID, field: readField(child, name.slice(7)) });
    } else invalidEvent(`unknown element <${name}> in <${element.name}>`);
  }
  return { fields, categories };
}

function readField(element: XmlElement, typeName: string): WireField {
  if (!isFieldType(typeName)) return invalidEvent(`unknown field type ${typeName}`);
  const flags: Flag[] = [];
  for (const flag of FLAGS) {
    const raw = element.attrs.get(flag);
    if (raw === undefined) continue;
    const value = parseFlag(raw);
    if (value === null) invalidEvent(`flag ${flag}="${raw}" is not a boolean`);
    if (value) flags.push(flag);
  }
  const title = element.attrs.get('title');
  const base = { type: typeName, flags, ...(title === undefined ? {} : { title: unescapeHtml(title) }) };
  if (!isStructuredField(typeName)) {
    if (childElements(element).length > 0) invalidEvent(`${typeName} holds elements`);
    return { ...base, data: unescapeHtml(textOf(element)) };
  }
  const allowed: readonly string[] = FIELD_PARTS[typeName];
  const parts: Partial<Record<FieldPart, string>> = {};
  for (const part of childElements(element)) {
    if (!allowed.includes(part.name)) invalidEvent(`unknown part <${part.name}> of ${typeName}`);
    parts[part.name as FieldPart] = unescapeHtml(textOf(part));
  }
  return { ...base, parts };
}
