import type { ContactDraft, FieldModel, ListFieldModel } from '@contactsync/core';
import { NEW_ITEMS } from './draft-edit';

/**
 * What the form offers for an account, read from its service's field model (`engine.fieldModel`):
 * the list types the service accepts, a free slot for a new email or phone, and which fields exist.
 * The same model drives core's validation and merge, so the form never creates an error the user
 * did not make (issue 10: the form used to add a second email as `personal` on Windows Live).
 */

export type TypedListKey = 'emails' | 'phones' | 'addresses';

/** The types the service accepts for a list, in its declared order (plus `current`, so a stored value still shows). */
export function offeredTypes<Type extends string>(list: ListFieldModel<Type>, current?: Type): Type[] {
  const accepted = Object.keys(list.types) as Type[];
  return current === undefined || accepted.includes(current) ? accepted : [...accepted, current];
}

/** The first accepted type with room left among `taken`, or null when none has room (or the list is full). */
export function freeType<Type extends string>(list: ListFieldModel<Type>, taken: readonly Type[]): Type | null {
  if (list.maxItems !== null && taken.length >= list.maxItems) return null;
  for (const [type, max] of Object.entries(list.types) as [Type, number | null][]) {
    const used = taken.filter((t) => t === type).length;
    if (max === null || used < max) return type;
  }
  return null;
}

/** The draft with one new row in a typed list, of a type with room left; unchanged when the list is full. */
export function addTypedItem(draft: ContactDraft, key: TypedListKey, model: FieldModel): ContactDraft {
  switch (key) {
    case 'emails': {
      const type = freeType(
        model.emails,
        draft.emails.map((e) => e.type),
      );
      return type === null ? draft : { ...draft, emails: [...draft.emails, { ...NEW_ITEMS.emails, type }] };
    }
    case 'phones': {
      const type = freeType(
        model.phones,
        draft.phones.map((p) => p.type),
      );
      return type === null ? draft : { ...draft, phones: [...draft.phones, { ...NEW_ITEMS.phones, type }] };
    }
    case 'addresses': {
      const type = freeType(
        model.addresses,
        draft.addresses.map((a) => a.type),
      );
      return type === null ? draft : { ...draft, addresses: [...draft.addresses, { ...NEW_ITEMS.addresses, type }] };
    }
  }
}

/** Whether the form shows a field: the service stores it, or this contact already holds a value there. */
export function shownField(stored: boolean, path: string, deviceOnly: readonly string[]): boolean {
  return stored || deviceOnly.some((p) => p === path || p.startsWith(`${path}.`));
}
