import type { FieldModel } from '@contactsync/core';

const text = (maxLength: number) => ({ stored: true, maxLength }) as const;

/**
 * What a CardDAV book stores: every field of the model, as vCard properties (RFC 6350 §6). Lists
 * are sets (a card holds any number of EMAIL/TEL/ADR of any TYPE), matched by value, so two
 * devices that add different addresses both keep theirs. vCard sets no lengths; the limits are
 * core's own, generous for any server seen. Birthdays may omit the year (`--MMDD`, §4.3.1).
 */
export const CARDDAV_FIELD_MODEL: FieldModel = {
  name: { given: text(1_024), middle: text(1_024), family: text(1_024), prefix: text(1_024), suffix: text(1_024) },
  nickname: text(1_024),
  company: text(1_024),
  jobTitle: text(1_024),
  notes: text(4_096),
  birthday: { stored: true, yearless: true },
  emails: { stored: true, identity: 'set', types: { personal: null, work: null, other: null }, maxItems: null, maxLength: 1_024 },
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
