import type { FieldModel, TextFieldModel } from '@contactsync/core';

// -40014: a value over 1,024 characters is refused, notes included (contract §2.5).
const text: TextFieldModel = { stored: true, maxLength: 1_024 };

/**
 * What the Yahoo Address Book stores (docs/field-model.md; contract §2.3,
 * §2.5): every name part, free lists of flagged emails, phones and addresses, at most 50 categories
 * on a contact (-40048). A birthday is day, month and year; this client maps only whole dates, so a
 * year-less birthday is not offered. The 100-fields-per-contact limit (-40039) spans several lists
 * and is checked by `yahooContentRules`.
 */
export const YAHOO_FIELD_MODEL: FieldModel = {
  name: { given: text, middle: text, family: text, prefix: text, suffix: text },
  nickname: text,
  company: text,
  jobTitle: text,
  notes: text,
  birthday: { stored: true, yearless: false },
  emails: { stored: true, identity: 'set', types: { personal: null, work: null, other: null }, maxItems: null, maxLength: 1_024 },
  phones: {
    stored: true,
    identity: 'set',
    types: { mobile: null, home: null, work: null, fax: null, pager: null, other: null },
    maxItems: null,
    maxLength: 1_024,
  },
  addresses: { stored: true, identity: 'set', types: { home: null, work: null, other: null }, maxItems: null, maxLength: 1_024 },
  categories: { stored: true, maxItems: 50, maxLength: 1_024 },
};
