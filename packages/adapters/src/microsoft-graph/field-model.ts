import type { FieldModel, TextFieldModel } from '@contactsync/core';

/**
 * What a Graph contact stores, as data the engine reads (docs/microsoft-graph.md, "Field model").
 * Text limits are Exchange's: 255 characters for names and titles; notes are a body (we cap at 32k
 * so one contact cannot fill a batch).
 */
const text = (maxLength = 255): TextFieldModel => ({ stored: true, maxLength });

export const GRAPH_FIELD_MODEL: FieldModel = {
  name: { given: text(), middle: text(), family: text(), prefix: text(), suffix: text() },
  nickname: text(),
  company: text(),
  jobTitle: text(),
  notes: text(32_000),
  // A DateTimeOffset: always a full date, so a birthday without a year cannot be stored.
  birthday: { stored: true, yearless: false },
  // `emailAddresses` has no type: every address reads back as `personal` (core's default type).
  emails: { stored: true, identity: 'set', types: { personal: 3 }, maxItems: 3, maxLength: 255 },
  // businessPhones[] (work), homePhones[] (home), mobilePhone (one): no fax, pager or other.
  phones: { stored: true, identity: 'slots', types: { work: 2, home: 2, mobile: 1 }, maxItems: 5, maxLength: 255 },
  addresses: { stored: true, identity: 'slots', types: { home: 1, work: 1, other: 1 }, maxItems: 3, maxLength: 255 },
  categories: { stored: true, maxItems: null, maxLength: 255 },
};
