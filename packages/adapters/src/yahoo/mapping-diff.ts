import type { ContactDraft, RemoteContact } from '@contactsync/core';
import { findByName } from './cursor.js';
import { addressField, emailField, phoneField, singleFields } from './mapping.js';
import { SINGLE_FIELDS, type YahooMeta } from './meta.js';
import type { CategoryChange, FieldChange, WireCategory, WireField } from './wire.js';

/**
 * The `update-contact` changes that turn `base` into `next`, field by field: `update-{field} fid`
 * for a changed field, `remove-field fid` for a removed one, `add-{field}` for a new one, so the
 * server's per-field revision check (-40904) sees exactly what this edit touches.
 */
export function updateChanges(
  base: RemoteContact,
  meta: YahooMeta,
  next: ContactDraft,
  table: readonly WireCategory[] | null,
): { fields: FieldChange[]; categories: CategoryChange[] } {
  const fields: FieldChange[] = [];
  const before = singleFields(base.contact);
  const after = singleFields(next);
  for (const kind of SINGLE_FIELDS) {
    const was = before[kind];
    const now = after[kind];
    const fid = meta[kind];
    if (sameField(was, now)) continue;
    if (now === null) {
      if (fid !== null) fields.push({ op: 'remove', fid });
    } else if (fid !== null) fields.push({ op: 'update', fid, field: now });
    else fields.push({ op: 'add', field: now });
  }
  fields.push(
    ...listChanges(base.contact.emails.map(emailField), meta.emails, next.emails.map(emailField)),
    ...listChanges(base.contact.phones.map(phoneField), meta.phones, next.phones.map(phoneField)),
    ...listChanges(base.contact.addresses.map(addressField), meta.addresses, next.addresses.map(addressField)),
  );
  return { fields, categories: categoryChanges(base.contact.categories, meta.cats, next.categories, table) };
}

function fieldKey(field: WireField | null): string {
  if (field === null) return '';
  const parts = Object.entries(field.parts ?? {}).sort(([a], [b]) => a.localeCompare(b));
  return JSON.stringify([field.type, field.flags, field.title ?? '', field.data ?? '', parts]);
}

const sameField = (a: WireField | null, b: WireField | null) => fieldKey(a) === fieldKey(b);

/**
 * Unchanged items keep their field; the remaining old and new items are paired in order as updates
 * (an edited email keeps its fid), and what is left over is removed or added.
 */
function listChanges(was: readonly WireField[], fids: readonly number[], now: readonly WireField[]): FieldChange[] {
  const used = new Set<number>();
  const unmatched: WireField[] = [];
  for (const item of now) {
    const index = was.findIndex((old, i) => !used.has(i) && sameField(old, item));
    if (index >= 0) used.add(index);
    else unmatched.push(item);
  }
  const leftover = fids.filter((_, i) => !used.has(i));
  const changes: FieldChange[] = [];
  unmatched.forEach((field, k) => {
    const fid = leftover[k];
    changes.push(fid === undefined ? { op: 'add', field } : { op: 'update', fid, field });
  });
  for (const fid of leftover.slice(unmatched.length)) changes.push({ op: 'remove', fid });
  return changes;
}

/**
 * Removals first (by the catid the base was in), then additions by name (the server creates a
 * category it does not have). A removal and an addition that name the same category after a rename
 * in this same push cancel out.
 */
function categoryChanges(
  was: readonly string[],
  catids: readonly number[],
  now: readonly string[],
  table: readonly WireCategory[] | null,
): CategoryChange[] {
  const key = (name: string) => name.trim().toLowerCase();
  const nowKeys = new Set(now.map(key));
  const wasKeys = new Set(was.map(key));
  const removals: { catid: number | null; name: string }[] = [];
  was.forEach((name, i) => {
    if (nowKeys.has(key(name))) return;
    const catid = catids[i] ?? findByName(table ?? [], name)?.catid ?? null;
    // A category the (known) table no longer has took its memberships with it.
    if (catid !== null && table !== null && !table.some((c) => c.catid === catid)) return;
    removals.push({ catid, name });
  });
  const additions = now.filter((name, i) => !wasKeys.has(key(name)) && now.findIndex((n) => key(n) === key(name)) === i);
  const kept = additions.filter((name) => {
    const target = findByName(table ?? [], name);
    const cancel = removals.findIndex((r) => target !== undefined && r.catid === target.catid);
    if (cancel < 0) return true;
    removals.splice(cancel, 1);
    return false;
  });
  return [
    ...removals.map((r): CategoryChange => ({ op: 'remove', ref: r.catid === null ? { name: r.name } : { catid: r.catid } })),
    ...kept.map((name): CategoryChange => ({ op: 'add', ref: { name } })),
  ];
}
