import { readVCardFile, writeVCard, writeVCardFile, type VCardFileCard } from '@contactsync/adapters';
import { pickDraft, type Contact } from '@contactsync/core';

/**
 * The app's one door to vCard files, through the CardDAV adapter's own vCard code (ical.js): the
 * same reader and writer a CardDAV sync uses. A contact with a card kept on this device
 * (device-cards.ts) is written by patching that card, so its PHOTO, URL and X- properties survive.
 */
export function exportVCards(contacts: readonly Contact[], kept: ReadonlyMap<string, { readonly card: string }>): string {
  return writeVCardFile(contacts.map((contact) => writeVCard(pickDraft(contact), { keptCard: kept.get(contact.id)?.card ?? null })));
}

export interface VCardImport {
  readonly cards: readonly VCardFileCard[];
  /** Cards that could not be read (vCard 2.1, broken lines): counted, never half-imported. */
  readonly skipped: number;
}

export function importVCards(text: string): VCardImport {
  const { cards, unreadable } = readVCardFile(text);
  return { cards, skipped: unreadable.length };
}
