import type { ContactDraft, PersonName } from '../model/contact.js';
import { NAME_PARTS } from '../model/contact.js';
import { toDraft } from '../model/draft.js';
import type { FieldModel, ListFieldModel } from './field-model.js';

/** Items of each accepted type: the type's limit, or two where it has none, within the list's cap. */
function fill<Type extends string, Item>(list: ListFieldModel<Type>, make: (type: Type, i: number) => Item): Item[] {
  if (!list.stored) return [];
  const items: Item[] = [];
  for (const [type, limit] of Object.entries(list.types) as [Type, number | null][]) {
    for (let i = 0; i < (limit ?? 2); i++) if (list.maxItems === null || items.length < list.maxItems) items.push(make(type, items.length));
  }
  return items;
}

/**
 * A contact at its service's limits, as the field model declares them: every stored text at its
 * longest, every list as full as the model allows (two per type where it sets no limit). The
 * contract suite sends it: a service must accept it, or its model promises what it cannot keep.
 */
export function contactAtLimits(model: FieldModel): ContactDraft {
  const long = (max: number, letter: string) => letter.repeat(max);
  const name = Object.fromEntries(
    NAME_PARTS.map((part, i) => [part, model.name[part].stored ? long(model.name[part].maxLength, 'abcde'[i] ?? 'x') : '']),
  ) as unknown as PersonName;
  return toDraft({
    name,
    nickname: model.nickname.stored ? long(model.nickname.maxLength, 'n') : '',
    company: model.company.stored ? long(model.company.maxLength, 'c') : '',
    jobTitle: model.jobTitle.stored ? long(model.jobTitle.maxLength, 'j') : '',
    notes: model.notes.stored ? long(model.notes.maxLength, 'o') : '',
    birthday: model.birthday.stored ? '1990-02-28' : '',
    emails: fill(model.emails, (type, i) => ({ type, address: `limit${i}@example.org` })),
    phones: fill(model.phones, (type, i) => ({ type, number: `+1 555 01${String(i).padStart(2, '0')}` })),
    addresses: fill(model.addresses, (type, i) => ({
      type,
      street: long(Math.min(model.addresses.maxLength, 200), 's'),
      city: `City${i}`,
      region: '',
      postalCode: '',
      country: '',
    })),
    categories: model.categories.stored ? Array.from({ length: Math.min(model.categories.maxItems ?? 3, 3) }, (_, i) => `Limit${i}`) : [],
  });
}

/** For each limit the model sets, a contact one step past it, and the path the model must name. */
export function contactsPastLimits(model: FieldModel): { readonly path: string; readonly contact: ContactDraft }[] {
  const at = contactAtLimits(model);
  const past: { path: string; contact: ContactDraft }[] = [];
  for (const part of NAME_PARTS) {
    const field = model.name[part];
    if (field.stored)
      past.push({ path: `name.${part}`, contact: { ...at, name: { ...at.name, [part]: 'x'.repeat(field.maxLength + 1) } } });
  }
  for (const key of ['nickname', 'company', 'jobTitle', 'notes'] as const) {
    if (model[key].stored) past.push({ path: key, contact: { ...at, [key]: 'x'.repeat(model[key].maxLength + 1) } });
  }
  for (const [type, limit] of Object.entries(model.emails.types)) {
    if (limit !== null && limit !== undefined && model.emails.stored) {
      past.push({
        path: 'emails',
        contact: { ...at, emails: [...at.emails, { type: type as 'personal', address: 'one-more@example.org' }] },
      });
    }
  }
  return past;
}
