import type { ContactDraft, FieldError, FieldModel, ListFieldModel } from '@contactsync/core';
import { GRAPH_FIELD_MODEL } from './field-model.js';

/**
 * The field model's list rules checked on a draft (`ContactService.validate`), so a value Graph
 * has no place for (a fax number, a fourth email, a second home address) is refused when the user
 * writes it instead of vanishing on the next sync. Email types are not refused: Graph keeps every
 * address, only without a type. Pure.
 */
export function validateForGraph(contact: ContactDraft, model: FieldModel = GRAPH_FIELD_MODEL): readonly FieldError[] {
  const errors: FieldError[] = [];
  checkList('phones', contact.phones, model.phones, true, errors);
  checkList('addresses', contact.addresses, model.addresses, true, errors);
  checkList('emails', contact.emails, model.emails, false, errors);
  if (/^--/.test(contact.birthday) && !model.birthday.yearless) {
    errors.push({ path: 'birthday', message: 'Outlook stores a birthday with its year: add the year.' });
  }
  return errors;
}

const WORDS = { phones: 'phone numbers', addresses: 'addresses', emails: 'email addresses' } as const;

function checkList<T extends string>(
  field: 'phones' | 'addresses' | 'emails',
  items: readonly { readonly type: T }[],
  model: ListFieldModel<T>,
  typed: boolean,
  errors: FieldError[],
): void {
  const counts = new Map<T, number>();
  items.forEach((item, i) => {
    const count = (counts.get(item.type) ?? 0) + 1;
    counts.set(item.type, count);
    if (!typed) return;
    const max = model.types[item.type];
    if (max === undefined) {
      errors.push({
        path: `${field}.${i}.type`,
        message: `Outlook has no place for this kind of ${field === 'phones' ? 'phone number' : 'address'}: choose another type.`,
      });
    } else if (max !== null && count > max) {
      errors.push({ path: `${field}.${i}.type`, message: `Outlook keeps at most ${max} of this kind of ${WORDS[field]}.` });
    }
  });
  if (model.maxItems !== null && items.length > model.maxItems) {
    errors.push({ path: field, message: `Outlook keeps at most ${model.maxItems} ${WORDS[field]} per contact.` });
  }
}
