import {
  FIELD_PARTS,
  NUMERIC_PARTS,
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
 * Builds a JSON `sync_request` (docs/yahoo.md §2.4): element names as `"type"` with underscores,
 * ids as numbers, flags as booleans, values HTML-escaped once (JSON adds no second escaping).
 * `rename_category` uses the guide's shape: `old_category` and `new_category` objects.
 */
type Json = string | number | boolean | null | readonly Json[] | { readonly [key: string]: Json };

function field(type: string, f: WireField, fid?: number): Json {
  const out: Record<string, Json> = { type };
  if (fid !== undefined) out['fid'] = fid;
  for (const flag of f.flags) out[flag] = true;
  if (f.title !== undefined) out['title'] = htmlEscape(f.title);
  if (!isStructuredField(f.type)) {
    out['data'] = htmlEscape(f.data ?? '');
    return out;
  }
  for (const part of FIELD_PARTS[f.type]) {
    const text = f.parts?.[part] ?? '';
    if (text === '') continue;
    // Date parts are numbers in JSON (a choice: the guide leaves their type open; docs/yahoo.md).
    out[part] = NUMERIC_PARTS.has(part) && /^[0-9]{1,9}$/.test(text) ? Number(text) : htmlEscape(text);
  }
  return out;
}

function fieldChange(change: FieldChange): Json {
  switch (change.op) {
    case 'add':
      return field(`add_${change.field.type}`, change.field);
    case 'update':
      return field(`update_${change.field.type}`, change.field, change.fid);
    case 'remove':
      return { type: 'remove_field', fid: change.fid };
  }
}

const ref = (type: string, r: CategoryRef): Json => ('catid' in r ? { type, catid: r.catid } : { type, data: htmlEscape(r.name) });
const categoryChange = (c: CategoryChange): Json => ref(c.op === 'add' ? 'add_to_category' : 'remove_from_category', c.ref);

function event(e: RequestEvent): Json {
  switch (e.type) {
    case 'add-contact':
      return { type: 'add_contact', fields: e.fields.map(fieldChange), categories: e.categories.map(categoryChange) };
    case 'update-contact':
      return { type: 'update_contact', cid: e.cid, fields: e.fields.map(fieldChange), categories: e.categories.map(categoryChange) };
    case 'remove-contact':
      return { type: 'remove_contact', cid: e.cid };
    case 'add-category':
      return { type: 'add_category', data: htmlEscape(e.name) };
    case 'rename-category':
      return {
        type: 'rename_category',
        old_category: ref('category', e.old),
        new_category: { type: 'category', data: htmlEscape(e.name) },
      };
    case 'remove-category':
      return ref('remove_category', e.ref);
  }
}

export function encodeJsonRequest(request: SyncRequest): string {
  return JSON.stringify({ type: 'sync_request', events: request.events.map(event) });
}
