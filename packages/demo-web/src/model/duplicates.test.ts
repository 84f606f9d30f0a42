import { describe, expect, it } from 'vitest';
import { toDraft, type ContactInput, type ContactWithState } from '@contactsync/core';
import { findDuplicates, mergeContacts } from './duplicates';

let next = 0;
const contact = (input: ContactInput): ContactWithState => ({ ...toDraft(input), id: `c${++next}`, updatedAt: next, syncState: 'synced' });

describe('duplicates', () => {
  const a = contact({
    name: { given: 'Ada', family: 'Lovelace' },
    company: 'Engines',
    emails: [{ address: 'ada@x.example' }],
    notes: 'Met in 1833.',
  });
  const b = contact({
    name: { given: 'ada', family: 'lovelace' },
    company: 'Babbage & Co',
    phones: [{ number: '+44 1' }],
    categories: ['Friends'],
    notes: 'Met in 1833.',
  });
  const c = contact({ nickname: 'Countess', emails: [{ address: 'ADA@x.example' }], jobTitle: 'Programmer' });
  const d = contact({ name: { given: 'Grace', family: 'Hopper' } });

  it('groups by full name or a shared email, transitively', () => {
    expect(findDuplicates([a, b, c, d]).map((g) => g.map((x) => x.id))).toEqual([[a.id, b.id, c.id]]);
  });

  it('merges with nothing lost', () => {
    const merged = mergeContacts([a, b, c]);
    expect(merged.company).toBe('Engines');
    expect(merged.nickname).toBe('Countess');
    expect(merged.jobTitle).toBe('Programmer');
    expect(merged.emails.map((e) => e.address)).toEqual(['ada@x.example']);
    expect(merged.phones.map((p) => p.number)).toEqual(['+44 1']);
    expect(merged.categories).toEqual(['Friends']);
    expect(merged.notes).toBe('Met in 1833.\n\nAlso: Company: Babbage & Co');
  });
});
