import {
  FIELD_PARTS,
  NUMERIC_PARTS,
  isStructuredField,
  type ResponseEvent,
  type SyncResponse,
  type WireCategory,
  type WireContact,
  type WireError,
  type WireField,
  type WireResult,
} from '../wire.js';
import { escapeHtml } from './html-text.js';

/**
 * The emulator's JSON responses (docs/yahoo.md §2.4): element names become `"type"` with dashes as
 * underscores, ids are numbers, flags booleans, values HTML-escaped once (JSON adds no second
 * escaping), date parts numbers. Objects are built key by key in a fixed order.
 */
type Json = string | number | boolean | null | readonly Json[] | { readonly [key: string]: Json };

function field(f: WireField): Json {
  const out: Record<string, Json> = { type: f.type };
  if (f.fid !== undefined) out['fid'] = f.fid;
  for (const flag of f.flags) out[flag] = true;
  if (f.title !== undefined) out['title'] = escapeHtml(f.title);
  if (!isStructuredField(f.type)) {
    out['data'] = escapeHtml(f.data ?? '');
    return out;
  }
  for (const part of FIELD_PARTS[f.type]) {
    const text = f.parts?.[part] ?? '';
    if (text === '') continue;
    out[part] = NUMERIC_PARTS.has(part) && /^[0-9]{1,9}$/.test(text) ? Number(text) : escapeHtml(text);
  }
  return out;
}

function contact(type: string, c: WireContact): Json {
  const out: Record<string, Json> = { type, cid: c.cid };
  if (c.lmt !== undefined) out['lmt'] = c.lmt;
  out['fields'] = c.fields.map(field);
  out['categories'] = c.categories.map((ref) => ({ type: 'category', catid: ref.catid }));
  return out;
}

function event(e: ResponseEvent): Json {
  switch (e.type) {
    case 'address-book-reset':
      return { type: 'address_book_reset' };
    case 'remove-contact':
      return { type: 'remove_contact', cid: e.cid };
    case 'add-contact':
      return contact('add_contact', e.contact);
    case 'update-contact':
      return contact('update_contact', e.contact);
  }
}

function error(e: WireError): Json {
  const out: Record<string, Json> = { type: 'error', code: e.code, user_message: e.userMessage, debug_message: e.debugMessage };
  if (e.retryAfter !== undefined) out['retry_after'] = e.retryAfter;
  return out;
}

function result(r: WireResult): Json {
  if (r.type === 'error') return error(r);
  const out: Record<string, Json> = { type: 'success' };
  if (r.addAction !== undefined) out['add_action'] = r.addAction;
  if (r.cid !== undefined) out['cid'] = r.cid;
  if (r.catid !== undefined) out['catid'] = r.catid;
  return out;
}

const category = (c: WireCategory): Json => ({ type: 'category', catid: c.catid, data: escapeHtml(c.name) });

/** `omitCategories`: leave the `categories` member out altogether (an idle response; docs/yahoo.md). */
export function jsonSyncResponse(response: SyncResponse, omitCategories = false): string {
  const out: Record<string, Json> = { type: 'sync_response' };
  if (response.lmt !== undefined) out['lmt'] = response.lmt;
  out['rev'] = response.rev;
  if (!omitCategories) out['categories'] = response.categories.map(category);
  out['results'] = response.results.map(result);
  out['events'] = response.events.map(event);
  return JSON.stringify(out);
}

export function jsonError(e: WireError): string {
  return JSON.stringify(error(e));
}

export function jsonCategories(rev: number, table: readonly WireCategory[]): string {
  return JSON.stringify({ type: 'categories', rev, categories: table.map(category) });
}

export function jsonContacts(rev: number, contacts: readonly WireContact[]): string {
  return JSON.stringify({ type: 'contacts', rev, count: contacts.length, contacts: contacts.map((c) => contact('contact', c)) });
}
