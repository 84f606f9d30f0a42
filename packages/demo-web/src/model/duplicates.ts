import type { ContactDraft, ContactWithState } from '@contactsync/core';
import { fold } from './contact-search';
import { displayName } from './display-name';

const nameKey = (contact: ContactDraft): string => {
  const { given, middle, family } = contact.name;
  const full = [given, middle, family].join(' ').trim();
  return full === '' ? '' : `n:${fold(full).replace(/\s+/g, ' ')}`;
};
const emailKey = (address: string): string => `e:${address.trim().toLowerCase()}`;

/**
 * Groups of contacts that look like one person: the same full name, or a shared email address
 * (linked transitively). Each group is ordered oldest change first; groups by size, then name.
 */
export function findDuplicates(contacts: readonly ContactWithState[]): ContactWithState[][] {
  const parent = new Map<string, string>();
  const find = (id: string): string => {
    let root = id;
    while (parent.get(root) !== root) root = parent.get(root) ?? root;
    parent.set(id, root);
    return root;
  };
  const firstByKey = new Map<string, string>();
  for (const contact of contacts) parent.set(contact.id, contact.id);
  for (const contact of contacts) {
    const keys = [nameKey(contact), ...contact.emails.map((e) => emailKey(e.address))].filter((k) => k !== '' && k !== 'e:');
    for (const key of keys) {
      const other = firstByKey.get(key);
      if (other === undefined) firstByKey.set(key, contact.id);
      else parent.set(find(contact.id), find(other));
    }
  }
  const groups = new Map<string, ContactWithState[]>();
  for (const contact of contacts) {
    const root = find(contact.id);
    groups.set(root, [...(groups.get(root) ?? []), contact]);
  }
  return [...groups.values()]
    .filter((group) => group.length > 1)
    .map((group) => [...group].sort((a, b) => a.updatedAt - b.updatedAt || a.id.localeCompare(b.id)))
    .sort((a, b) => b.length - a.length || displayName(a[0]!).localeCompare(displayName(b[0]!)));
}

const norm = (text: string): string => fold(text).replace(/\s+/g, ' ').trim();

function union<T>(lists: readonly (readonly T[])[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  const out: T[] = [];
  for (const list of lists) {
    for (const item of list) {
      const k = key(item);
      if (!seen.has(k)) {
        seen.add(k);
        out.push(item);
      }
    }
  }
  return out;
}

const LABELS = { nickname: 'Nickname', company: 'Company', jobTitle: 'Job title', birthday: 'Birthday' } as const;

/**
 * One contact from several, with nothing lost: the first contact's values win; an empty value is
 * filled from the others; lists are joined without repeats; a differing value of another contact,
 * which has no place of its own, is kept in the notes ("Also: Company: Acme").
 */
export function mergeContacts(group: readonly ContactDraft[]): ContactDraft {
  const [first, ...rest] = group;
  if (first === undefined) throw new Error('mergeContacts needs at least one contact');
  const name = { ...first.name };
  for (const other of rest) {
    for (const part of Object.keys(name) as (keyof typeof name)[]) if (name[part].trim() === '') name[part] = other.name[part];
  }
  const scalars = { nickname: first.nickname, company: first.company, jobTitle: first.jobTitle, birthday: first.birthday };
  const also: string[] = [];
  for (const other of rest) {
    for (const key of Object.keys(scalars) as (keyof typeof scalars)[]) {
      const mine = scalars[key];
      const theirs = other[key];
      if (theirs.trim() === '') continue;
      if (mine.trim() === '') scalars[key] = theirs;
      else if (norm(mine) !== norm(theirs)) also.push(`${LABELS[key]}: ${theirs}`);
    }
  }
  const notes = union(
    [first.notes, ...rest.map((c) => c.notes)].filter((n) => n.trim() !== '').map((n) => [n]),
    norm,
  );
  const alsoLine = also.length === 0 ? [] : [`Also: ${[...new Set(also)].join('; ')}`];
  return {
    ...first,
    ...scalars,
    name,
    notes: [...notes, ...alsoLine].join('\n\n'),
    emails: union([first.emails, ...rest.map((c) => c.emails)], (e) => e.address.trim().toLowerCase()),
    phones: union([first.phones, ...rest.map((c) => c.phones)], (p) => p.number.replace(/[^\d+]/g, '')),
    addresses: union([first.addresses, ...rest.map((c) => c.addresses)], (a) =>
      norm([a.street, a.city, a.region, a.postalCode, a.country].join('|')),
    ),
    categories: union([first.categories, ...rest.map((c) => c.categories)], norm),
  };
}
