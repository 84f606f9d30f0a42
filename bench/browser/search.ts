/**
 * Search as the demo does it (mirrors packages/demo-web/src/model/contact-search.ts and
 * display-name.ts, kept as a copy so the benchmark does not depend on the app's internals): an
 * index of folded text built once per replica change, filtered on every keystroke.
 */
import type { ContactDraft, ContactWithState } from '@contactsync/core';

export interface SearchEntry {
  readonly contact: ContactWithState;
  readonly title: string;
  readonly text: string;
  readonly digits: string;
}

export function displayName(contact: ContactDraft): string {
  const { prefix, given, middle, family, suffix } = contact.name;
  const full = [prefix, given, middle, family, suffix]
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .join(' ');
  if (full !== '') return full;
  return contact.nickname.trim() || contact.company.trim() || contact.emails[0]?.address || contact.phones[0]?.number || '(no name)';
}

function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

const onlyDigits = (text: string): string => text.replace(/\D/g, '');
const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

export function buildSearchIndex(contacts: readonly ContactWithState[]): SearchEntry[] {
  const entries = contacts.map((contact): SearchEntry => {
    const title = displayName(contact);
    const parts = [title, contact.nickname, contact.company, contact.jobTitle, ...contact.emails.map((e) => e.address)];
    return { contact, title, text: fold(parts.join('\n')), digits: contact.phones.map((p) => onlyDigits(p.number)).join(' ') };
  });
  return entries.sort((a, b) => collator.compare(a.title, b.title) || a.contact.id.localeCompare(b.contact.id));
}

export function searchContacts(entries: readonly SearchEntry[], query: string): SearchEntry[] {
  const words = fold(query)
    .split(/\s+/)
    .filter((word) => word !== '');
  if (words.length === 0) return [...entries];
  return entries.filter((entry) =>
    words.every((word) => {
      if (entry.text.includes(word)) return true;
      const digits = onlyDigits(word);
      return digits.length >= 3 && entry.digits.includes(digits);
    }),
  );
}
