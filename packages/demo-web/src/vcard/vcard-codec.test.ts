import { describe, expect, it } from 'vitest';
import { toDraft } from '@contactsync/core';
import { decodeVCards, encodeVCard } from './vcard-codec';

describe('vCard codec', () => {
  it('round-trips every field of the model, with escapes, folding and a year-less birthday', () => {
    const contact = toDraft({
      name: { given: 'Ada', family: 'Lovelace; Byron', prefix: 'Hon.' },
      nickname: 'Ada',
      company: 'Analytical, Engines',
      jobTitle: 'Programmer',
      notes: 'First line\nSecond line with a \\ backslash and 中文 '.repeat(4),
      birthday: '--12-10',
      emails: [{ type: 'work', address: 'ada@engines.example' }],
      phones: [{ type: 'mobile', number: '+44 20 7946 0000' }],
      addresses: [{ type: 'home', street: '12 St James’s Square', city: 'London', postalCode: 'SW1', country: 'UK' }],
      categories: ['Friends', 'Work, old'],
    });
    const text = encodeVCard(contact, 'Ada Lovelace');
    for (const line of text.split('\r\n')) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    expect(text).toContain('BDAY:--1210');
    expect(decodeVCards(text)).toEqual({ contacts: [contact], skipped: 0 });
  });

  it('reads vCard 3.0 from other apps, skipping what the model has no field for', () => {
    const text = [
      'BEGIN:VCARD',
      'VERSION:3.0',
      'FN:Grace Hopper',
      'N:Hopper;Grace;;;',
      'item1.EMAIL;TYPE=INTERNET,WORK:grace@navy.example',
      'PHOTO;ENCODING=b;TYPE=JPEG:AAAA',
      'BDAY:1906-12-09',
      'END:VCARD',
      'BEGIN:VCARD',
      'VERSION:3.0',
      'END:VCARD',
    ].join('\n');
    const { contacts, skipped } = decodeVCards(text);
    expect(skipped).toBe(1);
    expect(contacts[0]).toMatchObject({
      name: { given: 'Grace', family: 'Hopper' },
      birthday: '1906-12-09',
      emails: [{ type: 'work', address: 'grace@navy.example' }],
    });
  });
});
