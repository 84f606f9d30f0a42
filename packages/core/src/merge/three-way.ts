import type { ContactDraft, PersonName } from '../model/contact.js';
import { NAME_PARTS, SCALAR_FIELDS } from '../model/contact.js';
import { OPEN_FIELD_MODEL, type FieldModel, type ListFieldModel } from '../service/field-model.js';
import type { ConflictField } from '../model/conflict-record.js';
import { mergeKeyedList } from './keyed-list.js';
import { fitListCaps } from './list-caps.js';
import { addressKey, categoryKey, emailKey, phoneKey } from './list-keys.js';
import { sameJson } from './same-json.js';
import { mergeSlotList } from './slot-list.js';

export interface MergeResult {
  readonly merged: ContactDraft;
  /**
   * Remote values that lost to a different local value of the same field or slot, or that did not
   * fit the service's caps. For a list item, `localValue` is the local item that took its place
   * (null when the remote item lost to the list's overall cap or the local side removed it), and
   * `remoteValue` the remote item (null when the remote side removed the slot's item).
   */
  readonly overwritten: readonly ConflictField[];
}

// Blanks the key-bearing fields so the rest of two items can be compared structurally.
const keyless = { address: '', number: '' };

function equivalent<T>(a: T, b: T, key: (item: T) => string): boolean {
  if (typeof a !== 'object' || a === null) return key(a) === key(b);
  return key(a) === key(b) && sameJson({ ...a, ...keyless }, { ...b, ...keyless });
}

/**
 * Field-level three-way merge of a contact, read through the service's field model: one-sided
 * changes are taken; a scalar changed differently on both sides keeps the local value and reports
 * the remote one; lists merge by their identity (`set`: keyed by normalised value; `slots`: per
 * type and position, like scalars) and are then fitted to the model's caps, local items first; a
 * field the service does not store keeps the local value (the server cannot hold an opinion on it).
 * Pure.
 */
export function mergeContact(
  base: ContactDraft,
  local: ContactDraft,
  remote: ContactDraft,
  model: FieldModel = OPEN_FIELD_MODEL,
): MergeResult {
  const overwritten: ConflictField[] = [];
  const pick = (path: string, stored: boolean, b: string, l: string, r: string): string => {
    if (!stored) return l;
    if (l === b) return r;
    if (r === b || r === l) return l;
    overwritten.push({ path, localValue: l, remoteValue: r });
    return l;
  };

  const name = Object.fromEntries(
    NAME_PARTS.map((part) => [part, pick(`name.${part}`, model.name[part].stored, base.name[part], local.name[part], remote.name[part])]),
  ) as unknown as PersonName;
  const scalars = Object.fromEntries(
    SCALAR_FIELDS.map((field) => [field, pick(field, model[field].stored, base[field], local[field], remote[field])]),
  ) as Pick<ContactDraft, (typeof SCALAR_FIELDS)[number]>;

  const typed = <T extends { readonly type: string }>(
    path: string,
    b: readonly T[],
    l: readonly T[],
    r: readonly T[],
    key: (item: T) => string,
    list: ListFieldModel<T['type']>,
  ): readonly T[] => {
    if (!list.stored) return l;
    const merged = list.identity === 'slots' ? mergeSlots(path, b, l, r, key) : mergeSet(path, b, l, r, key);
    const fitted = fitListCaps(
      merged,
      (item) => l.includes(item),
      (item) => item.type,
      (type) => (list.types as Readonly<Record<string, number | null | undefined>>)[type] ?? null,
      list.maxItems,
    );
    for (const { item, lostTo } of fitted.dropped) overwritten.push({ path, localValue: lostTo, remoteValue: item });
    return fitted.value;
  };
  const mergeSet = <T>(path: string, b: readonly T[], l: readonly T[], r: readonly T[], key: (item: T) => string): readonly T[] => {
    const result = mergeKeyedList(b, l, r, key, sameJson);
    for (const pair of result.overwritten) {
      // A respelling the key already equates (`A@B.example` vs `a@b.example`) is not worth a record.
      if (equivalent(pair.local, pair.remote, key)) continue;
      overwritten.push({ path, localValue: pair.local, remoteValue: pair.remote });
    }
    return result.value;
  };
  const mergeSlots = <T extends { readonly type: string }>(
    path: string,
    b: readonly T[],
    l: readonly T[],
    r: readonly T[],
    key: (item: T) => string,
  ): readonly T[] => {
    const result = mergeSlotList(b, l, r);
    for (const pair of result.overwritten) {
      if (pair.local !== null && pair.remote !== null && equivalent(pair.local, pair.remote, key)) continue;
      overwritten.push({ path, localValue: pair.local, remoteValue: pair.remote });
    }
    return result.value;
  };

  const categories = model.categories.stored
    ? fitListCaps(
        mergeSet('categories', base.categories, local.categories, remote.categories, categoryKey),
        (c) => local.categories.includes(c),
        () => '',
        () => null,
        model.categories.maxItems,
      )
    : { value: local.categories, dropped: [] };
  for (const { item } of categories.dropped) overwritten.push({ path: 'categories', localValue: null, remoteValue: item });

  const merged: ContactDraft = {
    name,
    ...scalars,
    emails: typed('emails', base.emails, local.emails, remote.emails, emailKey, model.emails),
    phones: typed('phones', base.phones, local.phones, remote.phones, phoneKey, model.phones),
    addresses: typed('addresses', base.addresses, local.addresses, remote.addresses, addressKey, model.addresses),
    categories: categories.value,
  };
  return { merged, overwritten };
}
