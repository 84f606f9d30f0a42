import { describe, expect, it } from 'vitest';
import { toDraft, type ContactInput, type ContactWithState } from '@contactsync/core';
import { allCategories, buildSearchIndex, searchContacts } from './contact-search';

let next = 0;
const contact = (input: ContactInput): ContactWithState => ({ ...toDraft(input), id: `c${++next}`, updatedAt: 0, syncState: 'synced' });

const book = [
  contact({ name: { given: 'José', family: 'Núñez' }, company: 'Acme', categories: ['Work'] }),
  contact({ name: { given: 'Ada', family: 'Lovelace' }, emails: [{ address: 'ada@engines.example' }], categories: ['Friends'] }),
  contact({ name: { given: '李', family: '小龍' }, phones: [{ number: '+1 (555) 010-0199' }], categories: ['Friends', 'Work'] }),
];
const index = buildSearchIndex(book);
const titles = (query: string, category: string | null = null) => searchContacts(index, query, category).map((e) => e.title);

describe('contact search', () => {
  it('sorts by display name', () => {
    expect(index.map((e) => e.title)).toEqual(['Ada Lovelace', 'José Núñez', '李 小龍']);
  });

  it('matches names without case or accents, emails and companies', () => {
    expect(titles('jose nunez')).toEqual(['José Núñez']);
    expect(titles('ENGINES')).toEqual(['Ada Lovelace']);
    expect(titles('acme')).toEqual(['José Núñez']);
    expect(titles('小龍')).toEqual(['李 小龍']);
  });

  it('matches phone digits whatever the punctuation', () => {
    expect(titles('555 0100')).toEqual(['李 小龍']);
    expect(titles('5550100199')).toEqual(['李 小龍']);
    expect(titles('55')).toEqual([]); // too few digits to mean a phone number
  });

  it('filters by category, with or without a query', () => {
    expect(titles('', 'Work')).toEqual(['José Núñez', '李 小龍']);
    expect(titles('ada', 'Work')).toEqual([]);
    expect(allCategories(book)).toEqual(['Friends', 'Work']);
  });
});

describe('sort order and letters', () => {
  it('sorts by last name when asked, and files each contact under its letter', () => {
    const byLast = buildSearchIndex(book, 'last');
    expect(byLast.map((e) => e.title)).toEqual(['Ada Lovelace', 'José Núñez', '李 小龍']);
    expect(byLast.map((e) => e.letter)).toEqual(['L', 'N', '小']);
    expect(buildSearchIndex(book).map((e) => e.letter)).toEqual(['A', 'J', '李']);
  });
});
