import { describe, expect, it } from 'vitest';
import { toDraft } from '@contactsync/core';
import { addChanges, toRemoteContact } from './mapping.js';
import { fromMeta } from './meta.js';
import type { WireContact } from './wire.js';

const names = new Map([
  [3, 'Friends'],
  [4, 'Tom&Jerry'],
]);
const nameOf = (catid: number) => names.get(catid);

describe('mapping: Yahoo fields -> core draft', () => {
  const wire: WireContact = {
    cid: 81,
    fields: [
      { type: 'name', fid: 82, flags: [], parts: { first: 'Ada', middle: 'A', last: 'Lovelace', prefix: 'Lady', suffix: 'FRS' } },
      { type: 'nickname', fid: 83, flags: [], data: 'ada' },
      { type: 'nickname', fid: 84, flags: [], data: 'second nickname, not mapped' },
      { type: 'email', fid: 85, flags: ['home'], data: 'ada@example.org' },
      { type: 'email', fid: 86, flags: ['personal'], data: 'p@example.org' },
      { type: 'email', fid: 87, flags: ['work'], data: 'w@example.org' },
      { type: 'email', fid: 88, flags: [], data: 'o@example.org' },
      { type: 'phone', fid: 89, flags: ['work', 'fax'], data: '1' },
      { type: 'phone', fid: 90, flags: ['home'], data: '2' },
      { type: 'phone', fid: 91, flags: ['mobile'], data: '3' },
      { type: 'phone', fid: 92, flags: [], data: '4' },
      { type: 'address', fid: 93, flags: ['work'], parts: { street: 'S', city: 'C', state: 'R', zip: 'Z', country: 'GB' } },
      { type: 'birthday', fid: 94, flags: [], parts: { day: '1', month: '2', year: '1815' } },
      { type: 'company', fid: 95, flags: [], data: 'Engines' },
      { type: 'jobtitle', fid: 96, flags: [], data: 'Programmer' },
      { type: 'notes', fid: 97, flags: [], data: 'n' },
      { type: 'link', fid: 98, flags: [], data: 'http://example.org' },
      { type: 'yahooid', fid: 99, flags: [], data: 'ada_l' },
    ],
    categories: [{ catid: 3 }, { catid: 4 }, { catid: 77, name: 'Inline' }, { catid: 78 }],
  };

  it('maps every model field, types by flag, and keeps fids in meta', () => {
    const record = toRemoteContact(wire, nameOf, '24');
    expect(record.remoteId).toBe('81');
    expect(record.version).toBe('24');
    expect(record.contact).toEqual({
      name: { given: 'Ada', middle: 'A', family: 'Lovelace', prefix: 'Lady', suffix: 'FRS' },
      nickname: 'ada',
      company: 'Engines',
      jobTitle: 'Programmer',
      notes: 'n',
      birthday: '1815-02-01',
      emails: [
        { type: 'personal', address: 'ada@example.org' },
        { type: 'personal', address: 'p@example.org' },
        { type: 'work', address: 'w@example.org' },
        { type: 'other', address: 'o@example.org' },
      ],
      phones: [
        { type: 'fax', number: '1' },
        { type: 'home', number: '2' },
        { type: 'mobile', number: '3' },
        { type: 'other', number: '4' },
      ],
      addresses: [{ type: 'work', street: 'S', city: 'C', region: 'R', postalCode: 'Z', country: 'GB' }],
      categories: ['Friends', 'Tom&Jerry', 'Inline'],
    });
    expect(fromMeta(record.meta, record.contact)).toEqual({
      name: 82,
      nickname: 83,
      company: 95,
      jobtitle: 96,
      notes: 97,
      birthday: 94,
      emails: [85, 86, 87, 88],
      phones: [89, 90, 91, 92],
      addresses: [93],
      cats: [3, 4, 77],
    });
  });

  it('leaves a birthday without a year out of the draft but keeps its fid (it is updated, not duplicated)', () => {
    const record = toRemoteContact(
      { cid: 1, fields: [{ type: 'birthday', fid: 2, flags: [], parts: { day: '1', month: '2' } }], categories: [] },
      nameOf,
      '1',
    );
    expect(record.contact.birthday).toBe('');
    expect(fromMeta(record.meta, record.contact)?.birthday).toBe(2);
  });

  it('refuses meta that does not line up with the draft', () => {
    const record = toRemoteContact(wire, nameOf, '24');
    expect(fromMeta(record.meta, { ...record.contact, emails: [] })).toBeNull();
    expect(fromMeta(undefined, record.contact)).toBeNull();
    expect(fromMeta({ yahoo: 1, name: 'x' }, toDraft({}))).toBeNull();
  });
});

describe('mapping: core draft -> add-contact', () => {
  it('writes each set field once, flags from types, categories by name (deduplicated)', () => {
    const { fields, categories } = addChanges(
      toDraft({
        name: { given: 'Ada', family: 'Lovelace' },
        birthday: '1815-12-01',
        emails: [
          { type: 'personal', address: 'a@x.y' },
          { type: 'other', address: 'b@x.y' },
        ],
        phones: [{ type: 'pager', number: '5' }],
        addresses: [{ type: 'home', city: 'London' }],
        categories: ['Friends', 'friends', 'Work'],
      }),
    );
    expect(fields.map((c) => (c.op === 'add' ? c.field : null))).toEqual([
      { type: 'name', flags: [], parts: { first: 'Ada', last: 'Lovelace' } },
      { type: 'birthday', flags: [], parts: { year: '1815', month: '12', day: '1' } },
      { type: 'email', flags: ['home'], data: 'a@x.y' },
      { type: 'email', flags: [], data: 'b@x.y' },
      { type: 'phone', flags: ['pager'], data: '5' },
      { type: 'address', flags: ['home'], parts: { city: 'London' } },
    ]);
    expect(categories).toEqual([
      { op: 'add', ref: { name: 'Friends' } },
      { op: 'add', ref: { name: 'Work' } },
    ]);
  });
});
