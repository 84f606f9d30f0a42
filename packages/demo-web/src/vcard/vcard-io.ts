import type { ContactDraft } from '@contactsync/core';
import { displayName } from '../model/display-name';
import { decodeVCards, encodeVCard } from './vcard-codec';

/**
 * The app's one door to vCard: export and import go through these two functions, so the CardDAV
 * adapter's codec can replace this module's own without touching the screens.
 */
export function exportVCards(contacts: readonly ContactDraft[]): string {
  return `${contacts.map((contact) => encodeVCard(contact, displayName(contact))).join('\r\n')}\r\n`;
}

export function importVCards(text: string): { readonly contacts: ContactDraft[]; readonly skipped: number } {
  return decodeVCards(text);
}
