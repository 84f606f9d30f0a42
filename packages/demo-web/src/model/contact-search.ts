import type { ContactWithState } from '@contactsync/core';
import { displayName } from './display-name';

/** A contact with what search and sorting need, computed once per replica change. */
export interface SearchEntry {
  readonly contact: ContactWithState;
  readonly title: string;
  /** The letter the contact is filed under in the current sort order ("#" for anything else). */
  readonly letter: string;
  readonly text: string;
  readonly digits: string;
}

/**
 * Folded texts by their input: each replica read rebuilds the index of every contact, and most
 * contacts did not change since the last read (a first sync reads the table after every chunk).
 * Cleared when it grows past a bound, so it never holds much more than one book.
 */
const folded = new Map<string, string>();
const FOLD_CACHE_LIMIT = 20_000;

/** Case- and accent-insensitive form, so "jose" finds "José". */
export function fold(text: string): string {
  const known = folded.get(text);
  if (known !== undefined) return known;
  const value = text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
  if (folded.size >= FOLD_CACHE_LIMIT) folded.clear();
  folded.set(text, value);
  return value;
}

const onlyDigits = (text: string): string => text.replace(/\D/g, '');
const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

export type SortOrder = 'first' | 'last';

/** What a contact is sorted by: its display name, or for `last` its family name first. */
function sortKey(contact: ContactWithState, title: string, order: SortOrder): string {
  if (order === 'last' && contact.name.family.trim() !== '')
    return `${contact.name.family} ${contact.name.given} ${contact.name.middle}`.trim();
  return title;
}

function letterOf(key: string): string {
  const first = fold(key.trim()).charAt(0).toUpperCase();
  return /\p{L}/u.test(first) ? first : '#';
}

/** A contact as an index entry, with the key it sorts by. */
export interface KeyedEntry {
  readonly key: string;
  readonly entry: SearchEntry;
}

export function keyedEntry(contact: ContactWithState, order: SortOrder): KeyedEntry {
  const title = displayName(contact);
  const key = sortKey(contact, title, order);
  const parts = [title, contact.nickname, contact.company, contact.jobTitle, ...contact.emails.map((e) => e.address)];
  const entry: SearchEntry = {
    contact,
    title,
    letter: letterOf(key),
    text: fold(parts.join('\n')),
    digits: contact.phones.map((p) => onlyDigits(p.number)).join(' '),
  };
  return { key, entry };
}

/** Sorts in place by key (then id, so equal names keep one order) and returns the entries. */
export function sortedEntries(keyed: KeyedEntry[]): SearchEntry[] {
  keyed.sort((a, b) => collator.compare(a.key, b.key) || a.entry.contact.id.localeCompare(b.entry.contact.id));
  return keyed.map((k) => k.entry);
}

/** Sorted by first or last name; searchable by name, nickname, email, phone and company. */
export function buildSearchIndex(contacts: readonly ContactWithState[], order: SortOrder = 'first'): SearchEntry[] {
  return sortedEntries(contacts.map((contact) => keyedEntry(contact, order)));
}

/**
 * Every word of the query must match: as text anywhere, or for a word with three or more digits, as
 * digits of a phone number (so "555 0100" finds "+1 (555) 555-0100").
 */
export function searchContacts(entries: readonly SearchEntry[], query: string, category: string | null): SearchEntry[] {
  const words = fold(query)
    .split(/\s+/)
    .filter((word) => word !== '');
  const inCategory = category === null ? () => true : (entry: SearchEntry) => entry.contact.categories.includes(category);
  if (words.length === 0) return category === null ? [...entries] : entries.filter(inCategory);
  return entries.filter((entry) => {
    if (!inCategory(entry)) return false;
    return words.every((word) => {
      if (entry.text.includes(word)) return true;
      const digits = onlyDigits(word);
      return digits.length >= 3 && entry.digits.includes(digits);
    });
  });
}

/** Every category in the book, sorted. */
export function allCategories(contacts: readonly ContactWithState[]): string[] {
  const names = new Set<string>();
  for (const contact of contacts) for (const name of contact.categories) names.add(name);
  return [...names].sort(collator.compare);
}
