import type { ContactDraft } from '@contactsync/core';
import { readCard, type VCardVersion } from './vcard-card.js';
import { draftFromCard, FIELD_PROPERTIES } from './vcard-decode.js';
import { newCard, patchCard } from './vcard-patch.js';

/**
 * vCard files (`.vcf`, `text/vcard`) for apps: the CardDAV adapter's own reader and writer, so an
 * import, an export and a sync read and write a card the same way. A card is kept as its text: a
 * write patches the kept text (vcard-patch.ts), so properties the contact model does not map
 * (PHOTO, URL, IMPP, X-...) survive an edit, line for line.
 */

/** One card of a file: what the contact model reads from it, and the card itself. */
export interface VCardFileCard {
  readonly draft: ContactDraft;
  /** The card's own text (CRLF line breaks, folding kept), to keep and pass back to `writeVCard`. */
  readonly card: string;
  readonly version: VCardVersion;
  readonly uid: string | null;
  /** Upper-case names of the properties the contact model does not map (`PHOTO`, `URL`, `X-...`), once each, in order. */
  readonly unmapped: readonly string[];
}

/** A card of the file that could not be read, with its position (0-based) and why. */
export interface UnreadableVCard {
  readonly index: number;
  readonly problem: string;
}

export interface VCardFileReading {
  readonly cards: readonly VCardFileCard[];
  readonly unreadable: readonly UnreadableVCard[];
}

/** Properties every card carries that are not contact data: never counted as unmapped. */
const BOOKKEEPING = new Set(['version', 'uid', 'prodid', 'rev']);
const MAPPED = new Set<string>(Object.values(FIELD_PROPERTIES).flat());

/** The properties of a card the contact model does not map (see `VCardFileCard.unmapped`). */
function unmappedOf(names: readonly string[]): string[] {
  const out = new Set<string>();
  for (const name of names) if (!MAPPED.has(name) && !BOOKKEEPING.has(name)) out.add(name.toUpperCase());
  return [...out];
}

/**
 * The cards of a file, split at its BEGIN:VCARD / END:VCARD lines (RFC 6350 §3.3: a file is one or
 * more cards; RFC 2426 §4 the same for 3.0). Text outside cards is ignored; a byte-order mark too.
 */
function splitCards(text: string): string[] {
  const cards: string[] = [];
  let current: string[] | null = null;
  for (const line of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    const word = line.trim().toUpperCase();
    if (word === 'BEGIN:VCARD') {
      // A BEGIN inside a card (a missing END) ends the broken card: it is reported, the next one read.
      if (current !== null) cards.push(current.join('\r\n'));
      current = [line];
    } else if (current !== null) {
      current.push(line);
      if (word === 'END:VCARD') {
        cards.push(`${current.join('\r\n')}\r\n`);
        current = null;
      }
    }
  }
  if (current !== null) cards.push(current.join('\r\n'));
  return cards;
}

/**
 * Reads a vCard file holding one or many cards, 3.0 or 4.0. One bad card never fails the file: it is
 * listed in `unreadable` (vCard 2.1, broken folding, a card without END) and the others are read.
 */
export function readVCardFile(text: string): VCardFileReading {
  const cards: VCardFileCard[] = [];
  const unreadable: UnreadableVCard[] = [];
  splitCards(text).forEach((card, index) => {
    const reading = readCard(card);
    if (!reading.ok) {
      unreadable.push({ index, problem: reading.problem });
      return;
    }
    const { version, uid, properties } = reading.card;
    const unmapped = unmappedOf(properties.map((p) => p.jcard.name));
    cards.push({ draft: draftFromCard(reading.card), card, version, uid, unmapped });
  });
  return { cards, unreadable };
}

export interface WriteVCardOptions {
  /**
   * The card this contact was read from (`VCardFileCard.card`, or a card a server holds). Given and
   * readable, it is patched: only the fields that changed are rewritten, everything else is kept.
   */
  readonly keptCard?: string | null;
  /** For a new card: its version (default 4.0) and UID (default a random UUID, RFC 6350 §6.7.6). */
  readonly version?: VCardVersion;
  readonly uid?: string;
}

/** A contact as one vCard (CRLF line breaks, folded at 75 octets by ical.js), ending with a line break. */
export function writeVCard(contact: ContactDraft, options: WriteVCardOptions = {}): string {
  const kept = options.keptCard == null ? null : readCard(options.keptCard);
  if (kept?.ok === true) return patchCard(kept.card, contact);
  return newCard(options.version ?? '4.0', options.uid ?? globalThis.crypto.randomUUID(), contact);
}

/** Cards (each from `writeVCard`) as one file. */
export function writeVCardFile(cards: readonly string[]): string {
  return cards.map((card) => (card.endsWith('\r\n') ? card : `${card}\r\n`)).join('');
}
