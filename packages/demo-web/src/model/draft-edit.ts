import type { Address, ContactDraft, Email, FieldError, PersonName, Phone } from '@contactsync/core';

/** Pure edits of a draft, for the form: each returns a new draft. */

export type ScalarKey = 'nickname' | 'company' | 'jobTitle' | 'notes' | 'birthday';
export type ListKey = 'emails' | 'phones' | 'addresses' | 'categories';
type Item<K extends ListKey> = ContactDraft[K][number];

export const setNamePart = (draft: ContactDraft, part: keyof PersonName, value: string): ContactDraft => ({
  ...draft,
  name: { ...draft.name, [part]: value },
});

export const setScalar = (draft: ContactDraft, key: ScalarKey, value: string): ContactDraft => ({ ...draft, [key]: value });

export function setItem<K extends ListKey>(draft: ContactDraft, key: K, index: number, item: Item<K>): ContactDraft {
  const list = [...draft[key]] as Item<K>[];
  list[index] = item;
  return { ...draft, [key]: list };
}

export function removeItem(draft: ContactDraft, key: ListKey, index: number): ContactDraft {
  return { ...draft, [key]: draft[key].filter((_, i) => i !== index) };
}

export const NEW_ITEMS: { readonly [K in ListKey]: Item<K> } = {
  emails: { type: 'personal', address: '' } satisfies Email,
  phones: { type: 'mobile', number: '' } satisfies Phone,
  addresses: { type: 'home', street: '', city: '', region: '', postalCode: '', country: '' } satisfies Address,
  categories: '',
};

export function addItem(draft: ContactDraft, key: ListKey): ContactDraft {
  return { ...draft, [key]: [...draft[key], NEW_ITEMS[key]] };
}

const blank = (text: string): boolean => text.trim() === '';

/**
 * Drops the rows a person added and left empty, so an unused "add email" row is not an error. Rows
 * with anything in them stay, and are validated as typed.
 */
export function withoutEmptyRows(draft: ContactDraft): ContactDraft {
  return {
    ...draft,
    emails: draft.emails.filter((e) => !blank(e.address)),
    phones: draft.phones.filter((p) => !blank(p.number)),
    addresses: draft.addresses.filter((a) => ![a.street, a.city, a.region, a.postalCode, a.country].every(blank)),
    categories: draft.categories.filter((c) => !blank(c)),
  };
}

/**
 * Field errors are reported against the draft that was checked, i.e. after empty rows were dropped;
 * this maps their list indexes back to the rows on screen.
 */
export function errorsOnScreen(screen: ContactDraft, errors: readonly FieldError[]): FieldError[] {
  const rowMaps: Record<ListKey, number[]> = {
    emails: indexesKept(screen.emails.map((e) => !blank(e.address))),
    phones: indexesKept(screen.phones.map((p) => !blank(p.number))),
    addresses: indexesKept(screen.addresses.map((a) => ![a.street, a.city, a.region, a.postalCode, a.country].every(blank))),
    categories: indexesKept(screen.categories.map((c) => !blank(c))),
  };
  return errors.map((error) => {
    const [key, index, ...rest] = error.path.split('.');
    if (key === undefined || index === undefined || !(key in rowMaps)) return error;
    const onScreen = rowMaps[key as ListKey][Number(index)];
    return onScreen === undefined ? error : { ...error, path: [key, String(onScreen), ...rest].join('.') };
  });
}

function indexesKept(kept: readonly boolean[]): number[] {
  const indexes: number[] = [];
  kept.forEach((keep, i) => {
    if (keep) indexes.push(i);
  });
  return indexes;
}
