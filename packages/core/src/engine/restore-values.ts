import type { ContactDraft } from '../model/contact.js';
import { addressKey, categoryKey, emailKey, phoneKey } from '../merge/list-keys.js';
import { sameJson } from '../merge/same-json.js';
import type { ConflictField } from './types.js';

const LIST_KEYS = { emails: emailKey, phones: phoneKey, addresses: addressKey, categories: categoryKey } as const;
type ListPath = keyof typeof LIST_KEYS;

/**
 * The contact with one side's recorded values of `fields` put back: a scalar or a whole list is set;
 * a list item replaces the item recorded on the other side (found as it was, else by its key, else
 * by its type for a slot), is added when the other side had none, or removes it when this side had none.
 */
export function restoreValues(contact: ContactDraft, fields: readonly ConflictField[], which: 'localValue' | 'remoteValue'): ContactDraft {
  const other = which === 'localValue' ? 'remoteValue' : 'localValue';
  let next: ContactDraft = contact;
  for (const field of fields) {
    const value = field[which];
    const [head, part] = field.path.split('.');
    if (head === 'name' && part !== undefined) next = { ...next, name: { ...next.name, [part]: textOf(value) } };
    else if (head !== undefined && head in LIST_KEYS && part === undefined) {
      const path = head as ListPath;
      const list = next[path] as readonly unknown[];
      const restored = Array.isArray(value) ? value : replaceItem(list, field[other], value, LIST_KEYS[path] as (item: unknown) => string);
      next = { ...next, [path]: restored };
    } else if (head !== undefined && part === undefined && head in next) next = { ...next, [head]: textOf(value) };
  }
  return next;
}

function replaceItem(items: readonly unknown[], current: unknown, wanted: unknown, key: (item: unknown) => string): unknown[] {
  const index = findItem(items, current, key);
  if (index === -1) return wanted === null || wanted === undefined ? [...items] : [...items, wanted];
  if (wanted === null || wanted === undefined) return items.filter((_, i) => i !== index);
  return items.map((item, i) => (i === index ? wanted : item));
}

function findItem(items: readonly unknown[], current: unknown, key: (item: unknown) => string): number {
  if (current === null || current === undefined) return -1;
  const exact = items.findIndex((item) => sameJson(item, current));
  if (exact !== -1) return exact;
  return items.findIndex((item) => key(item) === key(current));
}

function textOf(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
