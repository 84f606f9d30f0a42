import { toDraft } from '@contactsync/core';
import { describe, expect, it } from 'vitest';
import { readCard, type ParsedCard } from './vcard-card.js';
import { draftFromCard } from './vcard-decode.js';
import { newCard, patchCard } from './vcard-patch.js';

const crlf = (lines: string[]): string => `${lines.join('\r\n')}\r\n`;
const read = (text: string): ParsedCard => {
  const r = readCard(text);
  if (!r.ok) throw new Error(r.problem);
  return r.card;
};

/** What an Apple or Android client writes: grouped labels, a photo, X- properties, a year-less birthday. */
const FOREIGN_3 = crlf([
  'BEGIN:VCARD',
  'VERSION:3.0',
  'PRODID:-//Apple Inc.//iOS 17.0//EN',
  'UID:foreign-1',
  'FN:Ann Example',
  'N:Example;Ann;;;',
  'item1.EMAIL;type=INTERNET;type=pref:ann@example.org',
  'item1.X-ABLabel:_$!<Other>!$_',
  'TEL;type=CELL;type=VOICE:+1 555 0100',
  'BDAY:--0412',
  'PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAMCAgICAgMCAgIDAwMDBAYEBAQEBAgGBgUGCQgKCgkICQkKDA8MCgsOCwkJDRENDg8QEBEQCgwS',
  ' ExMSEBMPEBAQ/9k=',
  'URL;type=HOME:https://ann.example/a\\,b',
  'IMPP;X-SERVICE-TYPE=Skype:skype:ann',
  'X-SOCIALPROFILE;type=twitter:https://twitter.com/ann',
  'item2.ADR;type=HOME:;;1 Main St;Town;;12345;US',
  'item2.X-ABADR:us',
  'NOTE:first line\\nsecond line',
  'CATEGORIES:Friends,Work',
  'END:VCARD',
]);

describe('vCard read', () => {
  it('maps the modelled properties of a 3.0 card', () => {
    expect(draftFromCard(read(FOREIGN_3))).toEqual(
      toDraft({
        name: { given: 'Ann', family: 'Example' },
        birthday: '--04-12',
        emails: [{ type: 'other', address: 'ann@example.org' }],
        phones: [{ type: 'mobile', number: '+1 555 0100' }],
        addresses: [{ type: 'home', street: '1 Main St', city: 'Town', postalCode: '12345', country: 'US' }],
        notes: 'first line\nsecond line',
        categories: ['Friends', 'Work'],
      }),
    );
  });

  it('reads 4.0 with --MMDD, tel: URIs and RELATED/ANNIVERSARY left alone', () => {
    const card = read(
      crlf([
        'BEGIN:VCARD',
        'VERSION:4.0',
        'UID:v4',
        'FN:Bo',
        'BDAY:--0412',
        'TEL;VALUE=uri;TYPE=work:tel:+1-555-0101',
        'RELATED;TYPE=friend:urn:uuid:x',
        'ANNIVERSARY:20090808',
        'END:VCARD',
      ]),
    );
    expect(card.version).toBe('4.0');
    expect(draftFromCard(card)).toMatchObject({
      name: { given: 'Bo' },
      birthday: '--04-12',
      phones: [{ type: 'work', number: '+1-555-0101' }],
    });
  });

  it("reads Apple's X-APPLE-OMIT-YEAR as a year-less birthday", () => {
    const card = read(crlf(['BEGIN:VCARD', 'VERSION:3.0', 'FN:C', 'BDAY;X-APPLE-OMIT-YEAR=1604:1604-04-12', 'END:VCARD']));
    expect(draftFromCard(card).birthday).toBe('--04-12');
  });

  it.each([
    ['no END', crlf(['BEGIN:VCARD', 'VERSION:3.0', 'FN:x'])],
    ['broken folding', crlf(['BEGIN:VCARD', 'VERSION:3.0', 'FN:x', 'continuation without a space', 'END:VCARD'])],
    ['vCard 2.1 quoted-printable', crlf(['BEGIN:VCARD', 'VERSION:2.1', 'N;ENCODING=QUOTED-PRINTABLE:=C3=A9;;;', 'END:VCARD'])],
    ['two cards', crlf(['BEGIN:VCARD', 'VERSION:3.0', 'FN:a', 'END:VCARD', 'BEGIN:VCARD', 'VERSION:3.0', 'FN:b', 'END:VCARD'])],
    ['not a card', 'hello'],
  ])('calls a card with %s unreadable', (_, text) => {
    expect(readCard(text).ok).toBe(false);
  });
});

describe('vCard edit', () => {
  it('rewrites only what changed and keeps every other line byte for byte', () => {
    const card = read(FOREIGN_3);
    const next = { ...draftFromCard(card), company: 'ACME', phones: [{ type: 'work' as const, number: '+1 555 0199' }] };
    const out = patchCard(card, next);
    const inLines = FOREIGN_3.split('\r\n');
    const outLines = out.split('\r\n');
    const removed = inLines.filter((l) => !outLines.includes(l));
    const added = outLines.filter((l) => !inLines.includes(l));
    expect(removed).toEqual(['TEL;type=CELL;type=VOICE:+1 555 0100']);
    expect(added.sort()).toEqual(['ORG:ACME', 'TEL;TYPE=WORK,VOICE:+1 555 0199']);
    expect(draftFromCard(read(out))).toMatchObject({ company: 'ACME', phones: [{ type: 'work', number: '+1 555 0199' }] });
  });

  it('gives back the same text when nothing mapped changed', () => {
    const card = read(FOREIGN_3);
    expect(patchCard(card, draftFromCard(card))).toBe(FOREIGN_3);
  });

  it('keeps a grouped email and its label when another email is added', () => {
    const card = read(FOREIGN_3);
    const draft = draftFromCard(card);
    const out = patchCard(card, { ...draft, emails: [...draft.emails, { type: 'work', address: 'ann@acme.example' }] });
    expect(out).toContain(
      'item1.EMAIL;type=INTERNET;type=pref:ann@example.org\r\nitem1.X-ABLabel:_$!<Other>!$_\r\nEMAIL;TYPE=INTERNET,WORK:ann@acme.example\r\n',
    );
  });

  it('keeps an address its PO box, extended part, group and parameters when its street changes', () => {
    const text = crlf([
      'BEGIN:VCARD',
      'VERSION:4.0',
      'UID:adr-1',
      'FN:Cy',
      'N:;Cy;;;',
      'item3.ADR;TYPE=work,pref;GEO="geo:48.2,16.3";LABEL="PO Box 7\\n1 Old Rd":PO Box 7;Suite 4,Floor 2;1 Old Rd;Vienna;;1010;Austria',
      'item3.X-ABLabel:Office',
      'ADR;TYPE=home:;;9 Elm St;Graz;;8010;Austria',
      'END:VCARD',
    ]);
    const card = read(text);
    const draft = draftFromCard(card);
    const [office, home] = draft.addresses;
    if (office === undefined || home === undefined) throw new Error('two addresses expected');
    const out = patchCard(card, { ...draft, addresses: [{ ...office, street: '2 New Rd' }, home] });
    const unfolded = (t: string): string[] => t.replace(/\r\n[ \t]/g, '').split('\r\n');
    const lines = unfolded(out);
    // Only the street component changed; PO box, extended (both values), GEO, PREF and the group
    // stay; the LABEL describing the old address goes. The other lines stay byte for byte.
    expect(lines[5]).toBe('ITEM3.ADR;TYPE=work,pref;GEO="geo:48.2,16.3":PO Box 7;Suite 4,Floor 2;2 New Rd;Vienna;;1010;Austria');
    expect(lines.slice(6, 8)).toEqual(['item3.X-ABLabel:Office', 'ADR;TYPE=home:;;9 Elm St;Graz;;8010;Austria']);
    expect(draftFromCard(read(out)).addresses).toEqual([{ ...office, street: '2 New Rd' }, home]);
    // Its type changed too: the model's word is replaced, `pref` stays.
    const retyped = patchCard(card, { ...draft, addresses: [{ ...office, type: 'home', city: 'Wien' }, home] });
    expect(unfolded(retyped)[5]).toBe('ITEM3.ADR;TYPE=home,pref;GEO="geo:48.2,16.3":PO Box 7;Suite 4,Floor 2;1 Old Rd;Wien;;1010;Austria');
    // A different address in its place (nothing but the country shared) is a new line: no PO box.
    const moved = patchCard(card, { ...draft, addresses: [{ ...office, street: '5 Rue X', city: 'Paris', postalCode: '75001' }, home] });
    expect(moved).not.toContain('PO Box 7');
    expect(moved).toContain('ADR;TYPE=work:;;5 Rue X;Paris;;75001;Austria');
  });

  it('keeps 4.0 as 4.0 and writes a year-less birthday as --MMDD', () => {
    const card = read(crlf(['BEGIN:VCARD', 'VERSION:4.0', 'UID:v4', 'FN:Bo', 'N:;Bo;;;', 'END:VCARD']));
    const out = patchCard(card, { ...draftFromCard(card), birthday: '--12-10' });
    expect(out).toContain('VERSION:4.0');
    expect(out).toContain('BDAY:--1210');
    expect(patchCard(read(FOREIGN_3), { ...draftFromCard(read(FOREIGN_3)), birthday: '1990-01-02' })).toContain('\r\nBDAY:19900102\r\n');
    expect(draftFromCard(read(out)).birthday).toBe('--12-10');
  });

  it('round-trips a new card of every field in 3.0 and 4.0', () => {
    const contact = toDraft({
      name: { given: 'Ada', middle: 'A', family: 'Lovelace', prefix: 'Lady', suffix: 'FRS' },
      nickname: 'ada, the first',
      company: 'Engines; Ltd',
      jobTitle: 'Programmer',
      notes: 'Line 1\nLine 2; "quoted" , comma',
      birthday: '1815-12-10',
      emails: [
        { type: 'personal', address: 'ada@example.org' },
        { type: 'work', address: 'ada@work.example' },
        { type: 'other', address: 'o@x.example' },
      ],
      phones: [
        { type: 'mobile', number: '+44 1' },
        { type: 'home', number: '2' },
        { type: 'work', number: '3' },
        { type: 'fax', number: '4' },
        { type: 'pager', number: '5' },
        { type: 'other', number: '6' },
      ],
      addresses: [{ type: 'work', street: '1 Sq, West', city: 'London', region: 'W', postalCode: 'SW1', country: 'GB' }],
      categories: ['Friends', 'A,B'],
    });
    for (const version of ['3.0', '4.0'] as const) {
      const card = read(newCard(version, 'uid-1', contact));
      expect(card.version).toBe(version);
      expect(card.uid).toBe('uid-1');
      expect(draftFromCard(card)).toEqual(contact);
    }
  });
});
