import type { ContactDraft, PersonName } from '../model/contact.js';
import { NAME_PARTS, SCALAR_FIELDS } from '../model/contact.js';
import type { ConflictField } from '../engine/types.js';
import { mergeKeyedList } from './keyed-list.js';
import { addressKey, categoryKey, emailKey, phoneKey } from './list-keys.js';
import { sameJson } from './same-json.js';

export interface MergeResult {
  readonly merged: ContactDraft;
  /** Remote values that lost to a different local value of the same field. */
  readonly overwritten: readonly ConflictField[];
}

/**
 * Field-level three-way merge of a contact: one-sided changes are taken; lists merge as sets keyed
 * by normalised value; a scalar changed differently on both sides keeps the local value, and the
 * remote value it overwrote is reported so the user can restore it. Pure.
 */
// Blanks the key-bearing fields so the rest of two items can be compared structurally.
const keyless = { address: '', number: '' };

function equivalent<T>(a: T, b: T, key: (item: T) => string): boolean {
  if (typeof a !== 'object' || a === null) return key(a) === key(b);
  return key(a) === key(b) && sameJson({ ...a, ...keyless }, { ...b, ...keyless });
}

export function mergeContact(base: ContactDraft, local: ContactDraft, remote: ContactDraft): MergeResult {
  const overwritten: ConflictField[] = [];
  const pick = (path: string, b: string, l: string, r: string): string => {
    if (l === b) return r;
    if (r === b || r === l) return l;
    overwritten.push({ path, localValue: l, remoteValue: r });
    return l;
  };

  const name = Object.fromEntries(
    NAME_PARTS.map((part) => [part, pick(`name.${part}`, base.name[part], local.name[part], remote.name[part])]),
  ) as unknown as PersonName;
  const scalars = Object.fromEntries(
    SCALAR_FIELDS.map((field) => [field, pick(field, base[field], local[field], remote[field])]),
  ) as Pick<ContactDraft, (typeof SCALAR_FIELDS)[number]>;

  const list = <T>(path: string, b: readonly T[], l: readonly T[], r: readonly T[], key: (item: T) => string) => {
    const result = mergeKeyedList(b, l, r, key, sameJson);
    for (const pair of result.overwritten) {
      // A respelling the key already equates (`A@B.example` vs `a@b.example`) is not worth a record.
      if (equivalent(pair.local, pair.remote, key)) continue;
      overwritten.push({ path, localValue: pair.local, remoteValue: pair.remote });
    }
    return result.value;
  };

  const merged: ContactDraft = {
    name,
    ...scalars,
    emails: list('emails', base.emails, local.emails, remote.emails, emailKey),
    phones: list('phones', base.phones, local.phones, remote.phones, phoneKey),
    addresses: list('addresses', base.addresses, local.addresses, remote.addresses, addressKey),
    categories: list('categories', base.categories, local.categories, remote.categories, categoryKey),
  };
  return { merged, overwritten };
}
