import { writeVCard } from '@contactsync/adapters';
import type { ContactDraft } from '@contactsync/core';

/** An 8x8 blue PNG: a real photo value, small enough to seed on hundreds of cards. */
const PHOTO_PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAAEUlEQVR42mOwzluBFTEMLQkA0GhUQW39oK4AAAAASUVORK5CYII=';

/**
 * What other clients put in a card beside the fields the contact model maps: a photo on every
 * fifth card, a URL on every third, an X- property on every fourth (as Apple's and Android's
 * clients write). The demo's account then holds what a real book holds, and every sync, edit and
 * export shows whether those properties survive.
 *
 * A card with a photo is a 3.0 card with the photo inline (`ENCODING=b`), as iOS writes it: the
 * Radicale Debian ships (3.1.8, vobject 0.9.6) truncates a 4.0 `data:` URI at its comma when a
 * client PUTs the card (docs/carddav.md "Photos on Radicale"), so a 4.0 photo would not survive
 * the first edit on this server, whoever made it.
 */
function foreignLines(index: number, contact: ContactDraft): string[] {
  const lines: string[] = [];
  if (index % 5 === 0) lines.push(`PHOTO;ENCODING=b;TYPE=PNG:${PHOTO_PNG}`);
  if (index % 3 === 0) lines.push(`URL:https://example.org/people/${index}`);
  if (index % 4 === 0) lines.push(`X-DEMO-SEEN-ON:${contact.company === '' ? 'demo' : 'work'}`);
  return lines;
}

/**
 * The seed card for the `index`th generated contact: the CardDAV adapter's own writer (a 4.0 card
 * with the given UID), patched into a card that already holds the foreign properties above.
 */
export function seedCard(contact: ContactDraft, uid: string, index: number): string {
  const foreign = foreignLines(index, contact);
  const version = index % 5 === 0 ? '3.0' : '4.0';
  const base = ['BEGIN:VCARD', `VERSION:${version}`, `UID:${uid}`, ...foreign, 'END:VCARD', ''].join('\r\n');
  return writeVCard(contact, foreign.length === 0 ? { version: '4.0', uid } : { keptCard: base });
}
