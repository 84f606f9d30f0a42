import { toDraft } from '@contactsync/core';
import { describe, expect, it } from 'vitest';
import { draftFromWire, patchBody, recordFromWire, wireFromDraft } from './mapping.js';
import { validateForGraph } from './validate.js';

const ada = toDraft({
  name: { given: 'Ada', middle: 'Augusta', family: 'Lovelace', prefix: 'Lady', suffix: 'FRS' },
  birthday: '1815-12-10',
  emails: [{ address: 'ada@example.org' }],
  phones: [
    { type: 'mobile', number: '1' },
    { type: 'work', number: '2' },
    { type: 'work', number: '3' },
    { type: 'home', number: '4' },
  ],
  addresses: [{ type: 'work', city: 'London' }],
  categories: ['Friends'],
});

describe('mapping', () => {
  it('round-trips a draft through Graph properties', () => {
    const wire = wireFromDraft(ada);
    expect(wire).toMatchObject({
      title: 'Lady',
      generation: 'FRS',
      birthday: '1815-12-10T00:00:00Z',
      mobilePhone: '1',
      businessPhones: ['2', '3'],
      homePhones: ['4'],
      homeAddress: null,
    });
    expect(draftFromWire({ id: 'x', ...wire })).toEqual(ada);
  });

  it('reads a birthday as its UTC date', () => {
    expect(draftFromWire({ id: 'x', birthday: '2016-10-19T10:37:00Z' }).birthday).toBe('2016-10-19');
  });

  it('patches only what changed, and keeps the display names Graph holds beside addresses', () => {
    const base = recordFromWire(
      { id: 'x', ...wireFromDraft(ada), emailAddresses: [{ name: 'Ada L.', address: 'ada@example.org' }] },
      'W/"1"',
    );
    expect(patchBody(base, { ...base.contact, company: 'ACME' })).toEqual({ companyName: 'ACME' });
    expect(patchBody(base, { ...base.contact, emails: [...base.contact.emails, { type: 'personal', address: 'b@x.org' }] })).toEqual({
      emailAddresses: [
        { address: 'ada@example.org', name: 'Ada L.' },
        { address: 'b@x.org', name: 'b@x.org' },
      ],
    });
    expect(patchBody(base, base.contact)).toEqual({});
  });

  it('refuses, when written, what Graph has no place for', () => {
    expect(validateForGraph(ada)).toEqual([]);
    const paths = validateForGraph({
      ...ada,
      phones: [...ada.phones, { type: 'fax', number: '5' }, { type: 'mobile', number: '6' }],
      birthday: '--12-10',
    }).map((e) => e.path);
    expect(paths).toEqual(['phones.4.type', 'phones.5.type', 'phones', 'birthday']);
    expect(
      validateForGraph({ ...ada, emails: ['a', 'b', 'c', 'd'].map((x) => ({ type: 'work' as const, address: `${x}@x.org` })) }).map(
        (e) => e.path,
      ),
    ).toEqual(['emails']);
  });
});
