import type { ContactDraft, RecordMeta, RemoteContact } from '@contactsync/core';
import { USER_MESSAGES } from './status-table.js';
import { readCard, type ParsedCard } from './vcard-card.js';
import { draftFromCard } from './vcard-decode.js';

/**
 * A card on the server as a core record. `remoteId` is the card's path on the server (its href,
 * resolved against the book and percent-encoded as the server wrote it); `version` its ETag.
 *
 * `meta` (persisted by core beside the replica row) holds the UID, and the card's own text when it
 * is at most `CARD_TEXT_CAP` characters: then an edit patches it without reading the card again.
 * A bigger card (a PHOTO, a long NOTE) is not copied into the replica; an edit reads it first
 * (one GET, which also checks its ETag). Measured sizes: docs/carddav.md "Where the card lives".
 */
export const CARD_TEXT_CAP = 4_096;

export interface CardMeta {
  readonly uid: string | null;
  readonly card: string | null;
  /** The card could not be read: it is shown, never written back. */
  readonly unreadable: boolean;
}

/** The path of an href (absolute or relative), or null for one on another origin. */
export function hrefPath(href: string, base: string): string | null {
  try {
    const url = new URL(href, base);
    return url.origin === new URL(base).origin ? url.pathname : null;
  } catch {
    return null;
  }
}

/**
 * A card that could not be read: shown under the name it seems to carry, with a note saying why
 * (the note is ours, never sent: the card is never written back), flagged in meta.
 */
export function unreadableRecord(remoteId: string, etag: string, text: string): RemoteContact {
  const fn = /^FN(?:;[^:\r\n]*)?:([^\r\n]*)$/im.exec(text)?.[1]?.trim();
  const given = fn === undefined || fn === '' ? decodeURIComponent(remoteId.split('/').pop() ?? remoteId) : fn;
  const contact: ContactDraft = {
    name: { given, middle: '', family: '', prefix: '', suffix: '' },
    nickname: '',
    company: '',
    jobTitle: '',
    notes: USER_MESSAGES.unreadableCard,
    birthday: '',
    emails: [],
    phones: [],
    addresses: [],
    categories: [],
  };
  return { remoteId, version: etag, contact, meta: { uid: null, card: null, unreadable: true } };
}

export function recordFromParsed(remoteId: string, etag: string, card: ParsedCard, text: string): RemoteContact {
  const meta: RecordMeta = { uid: card.uid, card: text.length <= CARD_TEXT_CAP ? text : null, unreadable: false };
  return { remoteId, version: etag, contact: draftFromCard(card), meta };
}

/** The record for a card's text as the server holds it. One bad card never fails its book. */
export function recordFromCard(remoteId: string, etag: string, text: string): RemoteContact {
  const reading = readCard(text);
  return reading.ok ? recordFromParsed(remoteId, etag, reading.card, text) : unreadableRecord(remoteId, etag, text);
}

export function metaOf(record: RemoteContact): CardMeta {
  const meta = record.meta ?? {};
  const uid = meta['uid'];
  const card = meta['card'];
  return {
    uid: typeof uid === 'string' ? uid : null,
    card: typeof card === 'string' ? card : null,
    unreadable: meta['unreadable'] === true,
  };
}
