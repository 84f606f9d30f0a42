import type { ContactDraft } from '@contactsync/core';

/** The line a person recognises a contact by: the name, else whatever identifies it. */
export function displayName(contact: ContactDraft): string {
  const { prefix, given, middle, family, suffix } = contact.name;
  const full = [prefix, given, middle, family, suffix]
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .join(' ');
  if (full !== '') return full;
  return contact.nickname.trim() || contact.company.trim() || contact.emails[0]?.address || contact.phones[0]?.number || '(no name)';
}

/** A second line for the list: the first email, else company, else phone. */
export function secondaryLine(contact: ContactDraft): string {
  return contact.emails[0]?.address ?? (contact.company || contact.phones[0]?.number || '');
}
