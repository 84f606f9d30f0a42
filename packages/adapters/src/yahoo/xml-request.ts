import {
  FIELD_PARTS,
  isStructuredField,
  type CategoryChange,
  type CategoryRef,
  type FieldChange,
  type RequestEvent,
  type SyncRequest,
  type WireField,
} from './wire.js';
import { htmlEscape } from './html-escape.js';

/**
 * Builds an XML `sync-request` (docs/yahoo.md §2.3). Values and category names are HTML-escaped and
 * then XML-escaped, so they travel escaped twice: `Tom & Jerry` is `Tom &amp;amp; Jerry`.
 */
function xmlEscape(text: string): string {
  return text.replace(/[&<>"'\r]/g, (ch) =>
    ch === '&' ? '&amp;' : ch === '<' ? '&lt;' : ch === '>' ? '&gt;' : ch === '"' ? '&quot;' : ch === "'" ? '&apos;' : '&#13;',
  );
}

const value = (text: string) => xmlEscape(htmlEscape(text));
/** In attributes a parser turns tab and newline into spaces, so they travel as references. */
const attrValue = (text: string) => value(text).replace(/\t/g, '&#9;').replace(/\n/g, '&#10;');

function fieldElement(name: string, field: WireField, fid?: number): string {
  let attrs = fid === undefined ? '' : ` fid="${fid}"`;
  for (const flag of field.flags) attrs += ` ${flag}="true"`;
  if (field.title !== undefined) attrs += ` title="${attrValue(field.title)}"`;
  const body = isStructuredField(field.type)
    ? FIELD_PARTS[field.type]
        .map((part) => [part, field.parts?.[part] ?? ''] as const)
        .filter(([, text]) => text !== '')
        .map(([part, text]) => `<${part}>${value(text)}</${part}>`)
        .join('')
    : value(field.data ?? '');
  return `<${name}${attrs}>${body}</${name}>`;
}

function fieldChange(change: FieldChange): string {
  switch (change.op) {
    case 'add':
      return fieldElement(`add-${change.field.type}`, change.field);
    case 'update':
      return fieldElement(`update-${change.field.type}`, change.field, change.fid);
    case 'remove':
      return `<remove-field fid="${change.fid}"/>`;
  }
}

function categoryRef(name: string, ref: CategoryRef): string {
  return 'catid' in ref ? `<${name} catid="${ref.catid}"/>` : `<${name}>${value(ref.name)}</${name}>`;
}

const categoryChange = (change: CategoryChange) =>
  categoryRef(change.op === 'add' ? 'add-to-category' : 'remove-from-category', change.ref);

function event(e: RequestEvent): string {
  switch (e.type) {
    case 'add-contact':
      return `<add-contact>${e.fields.map(fieldChange).join('')}${e.categories.map(categoryChange).join('')}</add-contact>`;
    case 'update-contact':
      return `<update-contact cid="${e.cid}">${e.fields.map(fieldChange).join('')}${e.categories.map(categoryChange).join('')}</update-contact>`;
    case 'remove-contact':
      return `<remove-contact cid="${e.cid}"/>`;
    case 'add-category':
      return `<add-category>${value(e.name)}</add-category>`;
    case 'rename-category':
      return `<rename-category>${categoryRef('old-category', e.old)}<new-category>${value(e.name)}</new-category></rename-category>`;
    case 'remove-category':
      return categoryRef('remove-category', e.ref);
  }
}

export function encodeXmlRequest(request: SyncRequest): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<sync-request>${request.events.map(event).join('')}</sync-request>\n`;
}
