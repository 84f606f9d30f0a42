import type { FieldError } from '../errors.js';
import type { ContactDraft } from './contact.js';
import { ADDRESS_TYPES, EMAIL_TYPES, NAME_PARTS, PHONE_TYPES, SCALAR_FIELDS } from './contact.js';

export const MAX_TEXT_LENGTH = 1_024;
export const MAX_NOTES_LENGTH = 4_096;
const MAX_EMAIL_LENGTH = 321;

// Control characters other than tab and line breaks (both services refuse them in values).
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The rules every service shares (the strictest of PROTOCOLS.md §1.3 and §2.5), checked before a
 * write is accepted so that the user hears about a problem while still typing, not at the next sync.
 * Service-specific rules come from `ContactService.validate`.
 */
export function validateDraft(draft: ContactDraft): FieldError[] {
  const errors: FieldError[] = [];
  const text = (path: string, value: string, max = MAX_TEXT_LENGTH): void => {
    if (value.length > max) errors.push({ path, message: `Use at most ${max} characters.` });
    else if (CONTROL_CHARACTERS.test(value)) errors.push({ path, message: 'Remove the invisible control characters.' });
  };

  for (const part of NAME_PARTS) text(`name.${part}`, draft.name[part]);
  for (const field of SCALAR_FIELDS) {
    if (field !== 'birthday') text(field, draft[field], field === 'notes' ? MAX_NOTES_LENGTH : MAX_TEXT_LENGTH);
  }
  if (draft.birthday !== '' && !isCalendarDate(draft.birthday)) {
    errors.push({ path: 'birthday', message: 'Enter the birthday as a date, YYYY-MM-DD.' });
  }
  draft.emails.forEach((email, i) => {
    if (!EMAIL_TYPES.includes(email.type)) errors.push({ path: `emails.${i}.type`, message: 'Choose personal, work or other.' });
    if (!isEmailAddress(email.address)) {
      errors.push({ path: `emails.${i}.address`, message: 'Enter an email address like person@example.com.' });
    }
  });
  draft.phones.forEach((phone, i) => {
    if (!PHONE_TYPES.includes(phone.type)) errors.push({ path: `phones.${i}.type`, message: 'Choose a phone type.' });
    if (!/\d/.test(phone.number)) errors.push({ path: `phones.${i}.number`, message: 'Enter a phone number with digits.' });
    else text(`phones.${i}.number`, phone.number);
  });
  draft.addresses.forEach((address, i) => {
    if (!ADDRESS_TYPES.includes(address.type)) errors.push({ path: `addresses.${i}.type`, message: 'Choose home, work or other.' });
    const parts = [address.street, address.city, address.region, address.postalCode, address.country];
    if (parts.every((part) => part.trim() === '')) errors.push({ path: `addresses.${i}`, message: 'Fill in the address or remove it.' });
    (['street', 'city', 'region', 'postalCode', 'country'] as const).forEach((part) => text(`addresses.${i}.${part}`, address[part]));
  });
  const seen = new Set<string>();
  draft.categories.forEach((category, i) => {
    const key = category.trim().toLowerCase();
    if (key === '') errors.push({ path: `categories.${i}`, message: 'A category needs a name.' });
    else if (seen.has(key)) errors.push({ path: `categories.${i}`, message: `"${category}" is listed twice.` });
    else text(`categories.${i}`, category);
    seen.add(key);
  });
  if (!hasIdentity(draft)) {
    errors.push({ path: 'name', message: 'A contact needs at least a name, nickname, company, email or phone number.' });
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

/** One `@`, something before it, a dot after it (PROTOCOLS.md §1.3; Yahoo -40047). */
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
