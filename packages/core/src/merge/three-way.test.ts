import { describe, expect, it } from 'vitest';
import type { ContactDraft } from '../model/contact.js';
import { toDraft } from '../model/draft.js';
import { mergeContact } from './three-way.js';

const base = toDraft({
  name: { given: 'Ada', family: 'Lovelace' },
  company: 'Analytical Engines',
  notes: 'met at the salon',
  emails: [{ type: 'personal', address: 'ada@example.org' }],
  phones: [{ type: 'mobile', number: '+44 20 7946 0000' }],
  categories: ['Friends'],
});

const edit = (change: Partial<ContactDraft>): ContactDraft => ({ ...base, ...change });

describe('mergeContact', () => {
  const cases: {
    name: string;
    local: Partial<ContactDraft>;
    remote: Partial<ContactDraft>;
    expected: Partial<ContactDraft>;
    overwritten: string[];
  }[] = [
    { name: 'nothing changed', local: {}, remote: {}, expected: {}, overwritten: [] },
    { name: 'local-only scalar change is kept', local: { company: 'ACME' }, remote: {}, expected: { company: 'ACME' }, overwritten: [] },
    { name: 'remote-only scalar change is taken', local: {}, remote: { notes: 'new' }, expected: { notes: 'new' }, overwritten: [] },
    {
      name: 'disjoint fields both survive',
      local: { company: 'ACME' },
      remote: { notes: 'new' },
      expected: { company: 'ACME', notes: 'new' },
      overwritten: [],
    },
    {
      name: 'same change on both sides is no conflict',
      local: { notes: 'x' },
      remote: { notes: 'x' },
      expected: { notes: 'x' },
      overwritten: [],
    },
    {
      name: 'same field changed differently: local wins, remote recorded',
      local: { notes: 'local' },
      remote: { notes: 'remote' },
      expected: { notes: 'local' },
      overwritten: ['notes'],
    },
    {
      name: 'name parts merge one by one',
      local: { name: { ...base.name, given: 'Augusta' } },
      remote: { name: { ...base.name, family: 'King' } },
      expected: { name: { ...base.name, given: 'Augusta', family: 'King' } },
      overwritten: [],
    },
    {
      name: 'email added on both sides: both kept',
      local: { emails: [...base.emails, { type: 'work', address: 'ada@work.example' }] },
      remote: { emails: [...base.emails, { type: 'other', address: 'ada@home.example' }] },
      expected: {
        emails: [
          { type: 'personal', address: 'ada@example.org' },
          { type: 'work', address: 'ada@work.example' },
          { type: 'other', address: 'ada@home.example' },
        ],
      },
      overwritten: [],
    },
    {
      name: 'the same email added on both sides appears once (case-insensitive)',
      local: { emails: [...base.emails, { type: 'work', address: 'A@B.example' }] },
      remote: { emails: [...base.emails, { type: 'work', address: 'a@b.example' }] },
      expected: { emails: [...base.emails, { type: 'work', address: 'A@B.example' }] },
      overwritten: [],
    },
    {
      name: 'email removed remotely, phone added locally',
      local: { phones: [...base.phones, { type: 'work', number: '+1 555 0100' }] },
      remote: { emails: [] },
      expected: { emails: [], phones: [...base.phones, { type: 'work', number: '+1 555 0100' }] },
      overwritten: [],
    },
    {
      name: 'email removed locally while remote changed its type: the deletion applies',
      local: { emails: [] },
      remote: { emails: [{ type: 'work', address: 'ada@example.org' }] },
      expected: { emails: [] },
      overwritten: [],
    },
    {
      name: 'phone numbers match by digits',
      local: { phones: [{ type: 'mobile', number: '+442079460000' }] },
      remote: {},
      expected: { phones: [{ type: 'mobile', number: '+442079460000' }] },
      overwritten: [],
    },
    {
      name: 'item attributes changed differently on both sides: local kept, remote recorded',
      local: { emails: [{ type: 'work', address: 'ada@example.org' }] },
      remote: { emails: [{ type: 'other', address: 'ada@example.org' }] },
      expected: { emails: [{ type: 'work', address: 'ada@example.org' }] },
      overwritten: ['emails'],
    },
    {
      name: 'categories merge as a set, case-folded; a remote respelling is a remote change',
      local: { categories: ['Friends', 'Chess'] },
      remote: { categories: ['friends', 'Work'] },
      expected: { categories: ['friends', 'Chess', 'Work'] },
      overwritten: [],
    },
    {
      name: 'category removed on one side and added on the other',
      local: { categories: [] },
      remote: { categories: ['Friends', 'Family'] },
      expected: { categories: ['Family'] },
      overwritten: [],
    },
  ];

  for (const c of cases) {
    it(c.name, () => {
      const result = mergeContact(base, edit(c.local), edit(c.remote));
      expect(result.merged).toEqual(edit(c.expected));
      expect(result.overwritten.map((f) => f.path)).toEqual(c.overwritten);
    });
  }

  it('records the remote value it overwrote', () => {
    const result = mergeContact(base, edit({ notes: 'local' }), edit({ notes: 'remote' }));
    expect(result.overwritten).toEqual([{ path: 'notes', localValue: 'local', remoteValue: 'remote' }]);
  });

  it('does not mutate its inputs', () => {
    const local = edit({ emails: [] });
    const remote = edit({ notes: 'n' });
    const frozen = JSON.stringify([base, local, remote]);
    mergeContact(base, local, remote);
    expect(JSON.stringify([base, local, remote])).toBe(frozen);
  });
});
