import type { FieldModel } from '../service/field-model.js';
import type { ContactDraft, PersonName } from './contact.js';
import { NAME_PARTS } from './contact.js';

const TEXT_FIELDS = ['nickname', 'company', 'jobTitle', 'notes'] as const;
const LIST_FIELDS = ['emails', 'phones', 'addresses', 'categories'] as const;

/**
 * Paths of the values in `draft` that the service cannot store (`name.prefix` on Windows Live, say).
 * They stay on this device: the engine keeps them through remote edits, and the app can show them
 * as device-only (`contacts.deviceOnlyFields`).
 */
export function deviceOnlyFields(draft: ContactDraft, model: FieldModel): string[] {
  const paths: string[] = [];
  for (const part of NAME_PARTS) if (!model.name[part].stored && draft.name[part] !== '') paths.push(`name.${part}`);
  for (const field of TEXT_FIELDS) if (!model[field].stored && draft[field] !== '') paths.push(field);
  if (!model.birthday.stored && draft.birthday !== '') paths.push('birthday');
  for (const field of LIST_FIELDS) if (!model[field].stored && draft[field].length > 0) paths.push(field);
  return paths;
}

/** `target` with the values of the fields the service does not store taken from `source`. */
export function withDeviceOnly(target: ContactDraft, source: ContactDraft, model: FieldModel): ContactDraft {
  return overlay(target, source, model, (stored) => !stored);
}

/** Only what the service stores: device-only values blanked, for comparing with a server record. */
export function storedPart(draft: ContactDraft, model: FieldModel): ContactDraft {
  const blank: ContactDraft = {
    ...draft,
    name: { given: '', middle: '', family: '', prefix: '', suffix: '' },
    nickname: '',
    company: '',
    jobTitle: '',
    notes: '',
    birthday: '',
    emails: [],
    phones: [],
    addresses: [],
    categories: [],
  };
  return overlay(draft, blank, model, (stored) => !stored);
}

function overlay(target: ContactDraft, source: ContactDraft, model: FieldModel, take: (stored: boolean) => boolean): ContactDraft {
  const name = Object.fromEntries(
    NAME_PARTS.map((part) => [part, take(model.name[part].stored) ? source.name[part] : target.name[part]]),
  ) as unknown as PersonName;
  const next: { -readonly [K in keyof ContactDraft]: ContactDraft[K] } = { ...target, name };
  for (const field of TEXT_FIELDS) if (take(model[field].stored)) next[field] = source[field];
  if (take(model.birthday.stored)) next.birthday = source.birthday;
  if (take(model.emails.stored)) next.emails = source.emails;
  if (take(model.phones.stored)) next.phones = source.phones;
  if (take(model.addresses.stored)) next.addresses = source.addresses;
  if (take(model.categories.stored)) next.categories = source.categories;
  return next;
}
