import { describe, expect, it } from 'vitest';
import type { ContactDraft, Email, Phone } from '../model/contact.js';
import { toDraft } from '../model/draft.js';
import { OPEN_FIELD_MODEL, type FieldModel } from '../service/field-model.js';
import { mergeContact } from './three-way.js';

const personal = (address: string): Email => ({ type: 'personal', address });
const work = (address: string): Email => ({ type: 'work', address });
const mobile = (number: string): Phone => ({ type: 'mobile', number });

const SET: FieldModel = OPEN_FIELD_MODEL;
const SLOTS: FieldModel = {
  ...OPEN_FIELD_MODEL,
  emails: { ...OPEN_FIELD_MODEL.emails, identity: 'slots', types: { personal: 1, work: 1, other: 1 } },
};
/** Graph-like: emails a set capped at two; one mobile phone, two work phones. */
const CAPPED: FieldModel = {
  ...OPEN_FIELD_MODEL,
  emails: { ...OPEN_FIELD_MODEL.emails, maxItems: 2 },
  phones: { ...OPEN_FIELD_MODEL.phones, types: { mobile: 1, work: 2 } },
};
const NO_SUFFIX: FieldModel = {
  ...OPEN_FIELD_MODEL,
  name: { ...OPEN_FIELD_MODEL.name, suffix: { stored: false, maxLength: 1_024 } },
  addresses: { ...OPEN_FIELD_MODEL.addresses, stored: false },
};

const contact = (emails: readonly Email[], phones: readonly Phone[] = []): ContactDraft =>
  toDraft({ name: { given: 'Ann' }, emails, phones });

describe('merge table per list identity', () => {
  const cases: {
    name: string;
    model: FieldModel;
    base: ContactDraft;
    local: ContactDraft;
    remote: ContactDraft;
    emails: readonly Email[];
    records: readonly { localValue: unknown; remoteValue: unknown }[];
  }[] = [
    {
      name: 'set: both change the personal email -> both addresses kept (a set has no slots)',
      model: SET,
      base: contact([personal('a@x.org')]),
      local: contact([personal('l@x.org')]),
      remote: contact([personal('r@x.org')]),
      emails: [personal('l@x.org'), personal('r@x.org')],
      records: [],
    },
    {
      name: 'slots: both change the personal email -> local kept, remote recorded',
      model: SLOTS,
      base: contact([personal('a@x.org')]),
      local: contact([personal('l@x.org')]),
      remote: contact([personal('r@x.org')]),
      emails: [personal('l@x.org')],
      records: [{ localValue: personal('l@x.org'), remoteValue: personal('r@x.org') }],
    },
    {
      name: 'slots: one side changes the slot -> taken',
      model: SLOTS,
      base: contact([personal('a@x.org')]),
      local: contact([personal('a@x.org')]),
      remote: contact([personal('r@x.org')]),
      emails: [personal('r@x.org')],
      records: [],
    },
    {
      name: 'slots: both add a personal email -> local kept, remote recorded',
      model: SLOTS,
      base: contact([]),
      local: contact([personal('l@x.org')]),
      remote: contact([personal('r@x.org')]),
      emails: [personal('l@x.org')],
      records: [{ localValue: personal('l@x.org'), remoteValue: personal('r@x.org') }],
    },
    {
      name: 'set: both add an email -> both kept',
      model: SET,
      base: contact([]),
      local: contact([personal('l@x.org')]),
      remote: contact([work('r@x.org')]),
      emails: [personal('l@x.org'), work('r@x.org')],
      records: [],
    },
    {
      name: 'slots: local changes, remote deletes -> local change kept, the deletion recorded',
      model: SLOTS,
      base: contact([personal('a@x.org')]),
      local: contact([personal('l@x.org')]),
      remote: contact([]),
      emails: [personal('l@x.org')],
      records: [{ localValue: personal('l@x.org'), remoteValue: null }],
    },
    {
      name: 'slots: local deletes, remote changes -> the deletion kept, the change recorded',
      model: SLOTS,
      base: contact([personal('a@x.org')]),
      local: contact([]),
      remote: contact([personal('r@x.org')]),
      emails: [],
      records: [{ localValue: null, remoteValue: personal('r@x.org') }],
    },
    {
      name: 'slots: different slots changed on each side -> both taken',
      model: SLOTS,
      base: contact([personal('a@x.org'), work('w@x.org')]),
      local: contact([personal('l@x.org'), work('w@x.org')]),
      remote: contact([personal('a@x.org'), work('r@x.org')]),
      emails: [personal('l@x.org'), work('r@x.org')],
      records: [],
    },
    {
      name: 'capped: each side adds one to a list of one with a cap of two -> the remote addition recorded',
      model: CAPPED,
      base: contact([personal('a@x.org')]),
      local: contact([personal('a@x.org'), work('l@x.org')]),
      remote: contact([personal('a@x.org'), work('r@x.org')]),
      emails: [personal('a@x.org'), work('l@x.org')],
      records: [{ localValue: null, remoteValue: work('r@x.org') }],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const { merged, overwritten } = mergeContact(c.base, c.local, c.remote, c.model);
      expect(merged.emails).toEqual(c.emails);
      expect(overwritten.map(({ localValue, remoteValue }) => ({ localValue, remoteValue }))).toEqual(c.records);
      if (c.records.length > 0) expect(overwritten.every((o) => o.path === 'emails')).toBe(true);
    });
  }

  it('capped per type: both change the one mobile phone of a set -> local kept, remote recorded against it', () => {
    const { merged, overwritten } = mergeContact(
      contact([], [mobile('1')]),
      contact([], [mobile('2')]),
      contact([], [mobile('3')]),
      CAPPED,
    );
    expect(merged.phones).toEqual([mobile('2')]);
    expect(overwritten).toEqual([{ path: 'phones', localValue: mobile('2'), remoteValue: mobile('3') }]);
  });

  it('a field the service does not store keeps the local value, even when the base carried it', () => {
    const local = toDraft({ name: { given: 'Ann', suffix: 'Jr.' }, addresses: [{ type: 'home', city: 'Leeds' }] });
    const remote = toDraft({ name: { given: 'Ann' }, company: 'Remote' });
    const { merged, overwritten } = mergeContact(local, local, remote, NO_SUFFIX);
    expect(merged).toMatchObject({ company: 'Remote', name: { suffix: 'Jr.' }, addresses: local.addresses });
    expect(overwritten).toEqual([]);
  });

  it('a respelling the key equates is not recorded in slots either', () => {
    const { merged, overwritten } = mergeContact(
      contact([personal('a@x.org')]),
      contact([personal('B@X.org')]),
      contact([personal('b@x.org')]),
      SLOTS,
    );
    expect(merged.emails).toEqual([personal('B@X.org')]);
    expect(overwritten).toEqual([]);
  });
});
