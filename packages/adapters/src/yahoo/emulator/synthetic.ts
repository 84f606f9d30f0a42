import type { ContactDraft } from '@contactsync/core';

const GIVEN = ['Ada', 'Grace', 'Alan', 'Edsger', 'Barbara', 'Donald', 'Frances', 'Ken', 'Margaret', 'Tim'];
const FAMILY = ['Lovelace', 'Hopper', 'Turing', 'Dijkstra', 'Liskov', 'Knuth', 'Allen', 'Thompson', 'Hamilton', 'Berners-Lee'];
const CATEGORIES = ['Friends', 'Family', 'Work', 'Tom&Jerry'];

/** `count` distinct, deterministic contacts for seeding large books (CLI `--seed N`, perf tests). */
export function syntheticContacts(count: number): ContactDraft[] {
  return Array.from({ length: Math.max(0, Math.floor(count)) }, (_, i): ContactDraft => {
    const given = GIVEN[i % GIVEN.length] ?? 'Ada';
    const family = FAMILY[Math.floor(i / GIVEN.length) % FAMILY.length] ?? 'Lovelace';
    return {
      name: { given, middle: '', family: `${family} ${i}`, prefix: '', suffix: '' },
      nickname: i % 7 === 0 ? `${given.toLowerCase()}${i}` : '',
      company: i % 3 === 0 ? 'Analytical Engines & Co' : '',
      jobTitle: '',
      notes: i % 11 === 0 ? `met at <the salon> "${i}"` : '',
      birthday: i % 5 === 0 ? `19${String(50 + (i % 50)).padStart(2, '0')}-0${1 + (i % 9)}-1${i % 10}` : '',
      emails: [{ type: 'personal', address: `${given.toLowerCase()}.${i}@example.org` }],
      phones: i % 2 === 0 ? [{ type: 'mobile', number: `+44 20 7946 ${String(i).padStart(4, '0')}` }] : [],
      addresses: [],
      categories: i % 4 === 0 ? [CATEGORIES[i % CATEGORIES.length] ?? 'Friends'] : [],
    };
  });
}
