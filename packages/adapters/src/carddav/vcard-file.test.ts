import { EMPTY_DRAFT, type ContactDraft } from '@contactsync/core';
import { describe, expect, it } from 'vitest';
import { readVCardFile, writeVCard, writeVCardFile } from './vcard-file.js';

const crlf = (lines: string[]): string => `${lines.join('\r\n')}\r\n`;

const PHOTO =
  'PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAMCAgICAgMCAgIDAwMDBAYEBAQEBAgGBgUGCQgKCgkICQkKDA8MCgsOCwkJDRENDg8QEBEQCgwS';
const APPLE = crlf([
  'BEGIN:VCARD',
  'VERSION:3.0',
  'PRODID:-//Apple Inc.//iOS 17.0//EN',
  'UID:apple-1',
  'FN:Ann Example',
  'N:Example;Ann;;;',
  'item1.EMAIL;type=INTERNET;type=pref:ann@example.org',
  'item1.X-ABLabel:_$!<Other>!$_',
  PHOTO,
  ' ExMSEBMPEBAQ/9k=',
  'URL;type=HOME:https://ann.example/',
  'X-SOCIALPROFILE;type=twitter:https://twitter.com/ann',
  'END:VCARD',
]);
const PLAIN_4 = ['BEGIN:VCARD', 'VERSION:4.0', 'UID:b-2', 'FN:Bob Stone', 'N:Stone;Bob;;;', 'TEL;TYPE=cell:+1 555 0101', 'END:VCARD'];

const ada: ContactDraft = {
  ...EMPTY_DRAFT,
  name: { given: 'Ada', middle: '', family: 'Lovelace', prefix: '', suffix: '' },
  company: 'Analytical Engines; Ltd',
  notes: 'first line\nsecond, with comma',
  birthday: '--12-10',
  emails: [{ type: 'work', address: 'ada@example.org' }],
  phones: [{ type: 'mobile', number: '+44 20 7946 0000' }],
  addresses: [{ type: 'home', street: '12 St James', city: 'London', region: '', postalCode: 'SW1', country: 'UK' }],
  categories: ['Friends', 'Maths'],
};

describe('readVCardFile', () => {
  it('reads every card of a file (LF or CRLF), with its drafts, text and the properties the model does not map', () => {
    const file = `${APPLE}${PLAIN_4.join('\n')}\n`;
    const { cards, unreadable } = readVCardFile(file);
    expect(unreadable).toEqual([]);
    expect(cards.map((c) => [c.uid, c.version, c.draft.name.given])).toEqual([
      ['apple-1', '3.0', 'Ann'],
      ['b-2', '4.0', 'Bob'],
    ]);
    expect(cards[0]?.draft.emails).toEqual([{ type: 'other', address: 'ann@example.org' }]);
    expect(cards[0]?.unmapped).toEqual(['X-ABLABEL', 'PHOTO', 'URL', 'X-SOCIALPROFILE']);
    expect(cards[0]?.card).toBe(APPLE);
    expect(cards[1]?.unmapped).toEqual([]);
    expect(cards[1]?.draft.phones).toEqual([{ type: 'mobile', number: '+1 555 0101' }]);
  });

  it('reports a bad card with its position and reads the others', () => {
    const file = [
      crlf(['BEGIN:VCARD', 'VERSION:2.1', 'FN:Old', 'END:VCARD']),
      crlf(['BEGIN:VCARD', 'VERSION:4.0', 'FN:No end']),
      crlf(PLAIN_4),
    ].join('');
    const { cards, unreadable } = readVCardFile(`\uFEFF${file}`);
    expect(cards.map((c) => c.uid)).toEqual(['b-2']);
    expect(unreadable.map((u) => u.index)).toEqual([0, 1]);
    expect(unreadable[0]?.problem).toMatch(/2\.1/);
    expect(unreadable[1]?.problem).toMatch(/END:VCARD/);
  });

  it('reads nothing from a file with no card', () => {
    expect(readVCardFile('hello\r\n')).toEqual({ cards: [], unreadable: [] });
  });
});

describe('writeVCard', () => {
  it('writes a new 4.0 card that reads back as the same contact', () => {
    const text = writeVCard(ada, { uid: 'ada-1' });
    const [card] = readVCardFile(text).cards;
    expect(card?.uid).toBe('ada-1');
    expect(card?.version).toBe('4.0');
    expect(card?.draft).toEqual(ada);
    expect(text.split('\r\n').every((line) => new TextEncoder().encode(line).length <= 75)).toBe(true);
  });

  it('patches a kept card: the edited field changes, PHOTO, URL, X- properties and labels stay line for line', () => {
    const [kept] = readVCardFile(APPLE).cards;
    if (kept === undefined) throw new Error('no card');
    const edited = writeVCard({ ...kept.draft, jobTitle: 'Engineer' }, { keptCard: kept.card });
    for (const line of APPLE.split('\r\n').filter((l) => l !== '' && l !== 'END:VCARD')) expect(edited).toContain(line);
    expect(edited).toContain('TITLE:Engineer');
    const [again] = readVCardFile(edited).cards;
    expect(again?.draft.jobTitle).toBe('Engineer');
    expect(again?.unmapped).toEqual(kept.unmapped);
    expect(again?.version).toBe('3.0');
  });

  it('gives the kept card back unchanged when nothing the model maps changed', () => {
    const [kept] = readVCardFile(APPLE).cards;
    if (kept === undefined) throw new Error('no card');
    expect(writeVCard(kept.draft, { keptCard: kept.card })).toBe(APPLE);
  });

  it('writes a new card when the kept one cannot be read', () => {
    const text = writeVCard(ada, { keptCard: 'BEGIN:VCARD\r\nVERSION:2.1\r\nEND:VCARD\r\n', version: '3.0', uid: 'u' });
    expect(readVCardFile(text).cards[0]?.version).toBe('3.0');
    expect(readVCardFile(text).cards[0]?.draft).toEqual(ada);
  });
});

describe('writeVCardFile', () => {
  it('joins cards so the file reads back as the same cards', () => {
    const texts = [writeVCard(ada, { uid: 'a' }), APPLE.trimEnd()];
    const { cards } = readVCardFile(writeVCardFile(texts));
    expect(cards.map((c) => c.uid)).toEqual(['a', 'apple-1']);
    expect(cards[1]?.card).toBe(APPLE);
  });
});
