import type { FieldError } from '../errors.js';
import { OPEN_FIELD_MODEL, type FieldModel, type ListFieldModel } from '../service/field-model.js';
import type { ContactDraft } from './contact.js';
import { NAME_PARTS } from './contact.js';

const MAX_EMAIL_LENGTH = 321;

// Control characters other than tab and line breaks (both seed services refuse them in values).
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const YEARLESS_DATE = /^--(\d{2})-(\d{2})$/;

const TYPE_WORDS: Readonly<Record<string, string>> = {
  personal: 'personal',
  work: 'work',
  other: 'other',
  mobile: 'mobile',
  home: 'home',
  fax: 'fax',
  pager: 'pager',
};
const LIST_NOUNS = {
  emails: ['email address', 'email addresses'],
  phones: ['phone number', 'phone numbers'],
  addresses: ['address', 'addresses'],
} as const;

/**
 * The rules a contact must meet before a write is accepted, so the user hears of a problem while
 * still typing, not at the next sync: the rules every service shares, and the limits of the
 * account's field model (lengths, accepted types, slots, caps). Rules a model cannot express come
 * from `ContactService.validate`. Fields the service does not store are not limited here: their
 * values stay on the device (see `deviceOnlyFields`).
 */
export function validateDraft(draft: ContactDraft, model: FieldModel = OPEN_FIELD_MODEL): FieldError[] {
  const errors: FieldError[] = [];
  const text = (path: string, value: string, max: number): void => {
    if (value.length > max) errors.push({ path, message: `Use at most ${max} characters.` });
    else if (CONTROL_CHARACTERS.test(value)) errors.push({ path, message: 'Remove the invisible control characters.' });
  };

  for (const part of NAME_PARTS) text(`name.${part}`, draft.name[part], model.name[part].maxLength);
  for (const field of ['nickname', 'company', 'jobTitle', 'notes'] as const) text(field, draft[field], model[field].maxLength);
  if (draft.birthday !== '') {
    if (YEARLESS_DATE.test(draft.birthday) && isMonthDay(draft.birthday)) {
      if (model.birthday.stored && !model.birthday.yearless)
        errors.push({ path: 'birthday', message: 'This account needs the year of a birthday.' });
    } else if (!isCalendarDate(draft.birthday)) {
      errors.push({ path: 'birthday', message: 'Enter the birthday as a date, YYYY-MM-DD, or --MM-DD without a year.' });
    }
  }
  draft.emails.forEach((email, i) => {
    if (!isEmailAddress(email.address))
      errors.push({ path: `emails.${i}.address`, message: 'Enter an email address like person@example.com.' });
  });
  draft.phones.forEach((phone, i) => {
    if (!/\d/.test(phone.number)) errors.push({ path: `phones.${i}.number`, message: 'Enter a phone number with digits.' });
    else text(`phones.${i}.number`, phone.number, model.phones.maxLength);
  });
  draft.addresses.forEach((address, i) => {
    const parts = [address.street, address.city, address.region, address.postalCode, address.country];
    if (parts.every((part) => part.trim() === '')) errors.push({ path: `addresses.${i}`, message: 'Fill in the address or remove it.' });
    (['street', 'city', 'region', 'postalCode', 'country'] as const).forEach((part) =>
      text(`addresses.${i}.${part}`, address[part], model.addresses.maxLength),
    );
  });
  errors.push(...listLimits('emails', draft.emails, model.emails));
  errors.push(...listLimits('phones', draft.phones, model.phones));
  errors.push(...listLimits('addresses', draft.addresses, model.addresses));
  const seen = new Set<string>();
  draft.categories.forEach((category, i) => {
    const key = category.trim().toLowerCase();
    if (key === '') errors.push({ path: `categories.${i}`, message: 'A category needs a name.' });
    else if (seen.has(key)) errors.push({ path: `categories.${i}`, message: `"${category}" is listed twice.` });
    else text(`categories.${i}`, category, model.categories.maxLength);
    seen.add(key);
  });
  const maxCategories = model.categories.maxItems;
  if (model.categories.stored && maxCategories !== null && draft.categories.length > maxCategories) {
    errors.push({ path: 'categories', message: `This account allows at most ${maxCategories} categories on a contact.` });
  }
  if (!hasIdentity(draft)) {
    errors.push({ path: 'name', message: 'A contact needs at least a name, nickname, company, email or phone number.' });
  }
  return errors;
}

/** Accepted types, the count per type (a slot holds one) and the cap over the list. */
function listLimits<Type extends string>(
  path: keyof typeof LIST_NOUNS,
  items: readonly { readonly type: Type }[],
  model: ListFieldModel<Type>,
): FieldError[] {
  if (!model.stored) return [];
  const errors: FieldError[] = [];
  const [noun, nouns] = LIST_NOUNS[path];
  const counts = new Map<Type, number>();
  items.forEach((item, i) => {
    const limit = model.types[item.type];
    const count = (counts.get(item.type) ?? 0) + 1;
    counts.set(item.type, count);
    const accepted = Object.keys(model.types)
      .map((t) => TYPE_WORDS[t] ?? t)
      .join(', ');
    if (limit === undefined)
      errors.push({
        path: `${path}.${i}.type`,
        message: `This account does not take a ${TYPE_WORDS[item.type] ?? item.type} ${noun}: choose ${accepted}.`,
      });
    else if (limit !== null && count > limit) {
      const word = TYPE_WORDS[item.type] ?? item.type;
      const many = limit === 1 ? `one ${word} ${noun}` : `${limit} ${word} ${nouns}`;
      errors.push({ path: `${path}.${i}.type`, message: `This account keeps ${many} per contact: choose another type.` });
    }
  });
  if (model.maxItems !== null && items.length > model.maxItems) {
    errors.push({ path, message: `This account keeps at most ${model.maxItems} of them on a contact: remove one.` });
  }
  return errors;
}

function hasIdentity(draft: ContactDraft): boolean {
  return (
    NAME_PARTS.some((part) => draft.name[part].trim() !== '') ||
    draft.nickname.trim() !== '' ||
    draft.company.trim() !== '' ||
    draft.emails.length > 0 ||
    draft.phones.length > 0
  );
}

/** One `@`, something before it, a dot after it: docs/field-model.md, "the email address" (Windows Live 400, Yahoo -40047). */
export function isEmailAddress(address: string): boolean {
  if (address.length > MAX_EMAIL_LENGTH || /\s/.test(address)) return false;
  const at = address.indexOf('@');
  if (at <= 0 || address.indexOf('@', at + 1) !== -1) return false;
  const domain = address.slice(at + 1);
  const dot = domain.indexOf('.');
  return dot > 0 && dot < domain.length - 1;
}

export function isCalendarDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** `--MM-DD`: a day that exists in some year (29 February included). */
function isMonthDay(value: string): boolean {
  const match = YEARLESS_DATE.exec(value);
  return match !== null && isCalendarDate(`2000-${match[1]}-${match[2]}`);
}
