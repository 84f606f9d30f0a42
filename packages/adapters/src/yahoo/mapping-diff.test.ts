import { describe, expect, it } from 'vitest';
import type { ContactDraft } from '@contactsync/core';
import { toRemoteContact } from './mapping.js';
import { updateChanges } from './mapping-diff.js';
import { fromMeta, type YahooMeta } from './meta.js';
import type { WireCategory } from './wire.js';

const table: WireCategory[] = [
  { catid: 3, name: 'Friends' },
  { catid: 4, name: 'Work' },
];
const base = toRemoteContact(
  {
    cid: 10,
    fields: [
      { type: 'name', fid: 11, flags: [], parts: { first: 'Ada' } },
      { type: 'notes', fid: 12, flags: [], data: 'n' },
      { type: 'email', fid: 13, flags: ['home'], data: 'a@x.y' },
      { type: 'email', fid: 14, flags: ['work'], data: 'b@x.y' },
      { type: 'phone', fid: 15, flags: ['mobile'], data: '1' },
      { type: 'link', fid: 16, flags: [], data: 'http://never.touched' },
    ],
    categories: [{ catid: 3 }, { catid: 4 }],
  },
  (id) => table.find((c) => c.catid === id)?.name,
  '5',
);
const meta = fromMeta(base.meta, base.contact) as YahooMeta;
const diff = (next: Partial<ContactDraft>, t: WireCategory[] | null = table) => updateChanges(base, meta, { ...base.contact, ...next }, t);

describe('update diff: only what changed, by fid', () => {
  it('sends nothing for an unchanged contact', () => {
    expect(diff({})).toEqual({ fields: [], categories: [] });
  });

  it('updates, adds and removes single fields', () => {
    expect(diff({ name: { ...base.contact.name, family: 'Lovelace' }, notes: '', company: 'ACME' }).fields).toEqual([
      { op: 'update', fid: 11, field: { type: 'name', flags: [], parts: { first: 'Ada', last: 'Lovelace' } } },
      { op: 'add', field: { type: 'company', flags: [], data: 'ACME' } },
      { op: 'remove', fid: 12 },
    ]);
  });

  it('keeps unchanged list items, pairs edits with the old fid, adds and removes the rest', () => {
    const emails: ContactDraft['emails'] = [
      { type: 'work', address: 'b@x.y' },
      { type: 'personal', address: 'a2@x.y' },
      { type: 'other', address: 'c@x.y' },
    ];
    expect(diff({ emails, phones: [] }).fields).toEqual([
      { op: 'update', fid: 13, field: { type: 'email', flags: ['home'], data: 'a2@x.y' } },
      { op: 'add', field: { type: 'email', flags: [], data: 'c@x.y' } },
      { op: 'remove', fid: 15 },
    ]);
  });

  it('treats a changed type as an update of the same field', () => {
    expect(diff({ phones: [{ type: 'work', number: '1' }] }).fields).toEqual([
      { op: 'update', fid: 15, field: { type: 'phone', flags: ['work'], data: '1' } },
    ]);
  });

  it('removes categories by catid first, then adds new ones by name', () => {
    expect(diff({ categories: ['Work', 'Family'] }).categories).toEqual([
      { op: 'remove', ref: { catid: 3 } },
      { op: 'add', ref: { name: 'Family' } },
    ]);
  });

  it('cancels a removal and an addition that name the same category (renamed in this push)', () => {
    const renamed = [
      { catid: 3, name: 'Pals' },
      { catid: 4, name: 'Work' },
    ];
    expect(diff({ categories: ['Pals', 'Work'] }, renamed).categories).toEqual([]);
  });

  it('does not remove a membership of a category the table no longer has', () => {
    expect(diff({ categories: ['Work'] }, [{ catid: 4, name: 'Work' }]).categories).toEqual([]);
  });

  it('ignores case when comparing category names, as the service does', () => {
    expect(diff({ categories: ['friends', 'WORK'] }).categories).toEqual([]);
  });
});
