import type { FieldModel, TextFieldModel } from '@contactsync/core';

const text: TextFieldModel = { stored: true, maxLength: 1_024 };
const notStored: TextFieldModel = { stored: false, maxLength: 1_024 };

/**
 * What Windows Live stores (docs/field-model.md; contract §1.3):
 * - no element for a name prefix or suffix: those stay on the device;
 * - one email per type (Personal, Business, Other; a second is 409): emails are slots;
 * - phones and locations of the contract's types, any number; text up to 1,024 characters, notes
 *   4,096 (longer: 400); a birthday is a whole date (the contract writes `Birthdate` as a date);
 * - tags are the categories (200 distinct per book, a book-level quota the model cannot check).
 */
export const WINDOWS_LIVE_FIELD_MODEL: FieldModel = {
  name: { given: text, middle: text, family: text, prefix: notStored, suffix: notStored },
  nickname: text,
  company: text,
  jobTitle: text,
  notes: { stored: true, maxLength: 4_096 },
  birthday: { stored: true, yearless: false },
  emails: { stored: true, identity: 'slots', types: { personal: 1, work: 1, other: 1 }, maxItems: 3, maxLength: 321 },
  phones: {
    stored: true,
    identity: 'set',
    types: { mobile: null, home: null, work: null, fax: null, pager: null, other: null },
    maxItems: null,
    maxLength: 1_024,
  },
  addresses: { stored: true, identity: 'set', types: { home: null, work: null, other: null }, maxItems: null, maxLength: 1_024 },
  categories: { stored: true, maxItems: null, maxLength: 1_024 },
};
