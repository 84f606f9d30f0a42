import type { ContactWithState } from '@contactsync/core';
import { displayName } from './display-name';

/** A contact with what search and sorting need, computed once per replica change. */
export interface SearchEntry {
  readonly contact: ContactWithState;
  readonly title: string;
  readonly text: string;
  readonly digits: string;
}

/** Case- and accent-insensitive form, so "jose" finds "José". */
export function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

const onlyDigits = (text: string): string => text.replace(/\D/g, '');
const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/** Sorted by display name; searchable by name, nickname, email, phone and company. */
export function buildSearchIndex(contacts: readonly ContactWithState[]): SearchEntry[] {
  const entries = contacts.map((contact): SearchEntry => {
    const title = displayName(contact);
    const parts = [title, contact.nickname, contact.company, contact.jobTitle, ...contact.emails.map((e) => e.address)];
    return { contact, title, text: fold(parts.join('\n')), digits: contact.phones.map((p) => onlyDigits(p.number)).join(' ') };
  });
  return entries.sort((a, b) => collator.compare(a.title, b.title) || a.contact.id.localeCompare(b.contact.id));
}

/**
 * Every word of the query must match: as text anywhere, or for a word with three or more digits, as
 * digits of a phone number (so "555 0100" finds "+1 (555) 555-0100").
 */
export function searchContacts(entries: readonly SearchEntry[], query: string, category: string | null): SearchEntry[] {
  const words = fold(query).split(/\s+/).filter((word) => word !== '');
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
