import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBook, decodeContact, encodeChild, encodeContact } from './codec.js';
import type { WireContact } from './wire.js';

const ADA = `<?xml version="1.0" encoding="utf-8"?>
<Contact>
  <ID>9c1d7d0e-6c1f-4a8e-9f3e-1a2b3c4d5e6f</ID>
  <Profiles>
    <Personal><FirstName>Ada</FirstName><MiddleName/><LastName>Lovelace</LastName>
      <NickName>ada</NickName><Birthdate>1815-12-10</Birthdate></Personal>
    <Professional><CompanyName>Analytical Engines</CompanyName><JobTitle>Programmer</JobTitle></Professional>
  </Profiles>
  <Emails><Email><ID>e1</ID><EmailType>Personal</EmailType><Address>ada@example.org</Address><IsDefault>true</IsDefault></Email></Emails>
  <Phones><Phone><ID>00042</ID><PhoneType>Mobile</PhoneType><Number>+44 20 7946 0000</Number></Phone></Phones>
  <Locations><Location><ID>l1</ID><LocationType>Personal</LocationType><StreetLine>12 St James's Sq</StreetLine>
    <PrimaryCity>London</PrimaryCity><Subdivision/><PostalCode>SW1Y 4JH</PostalCode><CountryRegion>GB</CountryRegion></Location></Locations>
  <Notes>met at the Babbage salon</Notes>
  <Tags><Tag>Friends</Tag></Tags>
</Contact>`;

describe('decodeContact', () => {
  it('reads the docs/windows-live.md §1.3 example, pretty-printed, with ids as strings', () => {
    const r = decodeContact(ADA);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toEqual({
      ID: '9c1d7d0e-6c1f-4a8e-9f3e-1a2b3c4d5e6f',
      Profiles: {
        Personal: { FirstName: 'Ada', MiddleName: '', LastName: 'Lovelace', NickName: 'ada', Birthdate: '1815-12-10' },
        Professional: { CompanyName: 'Analytical Engines', JobTitle: 'Programmer' },
      },
      Emails: [{ ID: 'e1', EmailType: 'Personal', Address: 'ada@example.org', IsDefault: 'true' }],
      Phones: [{ ID: '00042', PhoneType: 'Mobile', Number: '+44 20 7946 0000' }],
      Locations: [
        {
          ID: 'l1',
          LocationType: 'Personal',
          StreetLine: "12 St James's Sq",
          PrimaryCity: 'London',
          Subdivision: '',
          PostalCode: 'SW1Y 4JH',
          CountryRegion: 'GB',
        },
      ],
      Notes: 'met at the Babbage salon',
      Tags: ['Friends'],
    });
  });

  it('keeps whitespace inside values, decodes references and CDATA, ignores namespaces and unknown elements', () => {
    const r = decodeContact(
      '<w:Contact xmlns:w="urn:x"><w:ID>1</w:ID><w:Notes> a &amp; b <![CDATA[<&amp;>]]> </w:Notes><Unknown><X/></Unknown><Tags><Tag/></Tags></w:Contact>',
    );
    expect(r).toEqual({ ok: true, value: { ID: '1', Notes: ' a & b <&amp;> ', Tags: [''] } });
  });

  it('reads empty and whitespace-only collections as empty', () => {
    const r = decodeContact('<Contact><ID>1</ID><Emails/><Phones>\n  </Phones></Contact>');
    expect(r).toEqual({ ok: true, value: { ID: '1', Emails: [], Phones: [] } });
  });

  it.each([
    ['a DOCTYPE', '<!DOCTYPE Contact [<!ENTITY x "y">]><Contact><Notes>&x;</Notes></Contact>'],
    ['a truncated body', '<Contact><ID>1</ID><Notes>half'],
    ['an empty body', ''],
    ['not XML', 'Service Unavailable'],
    ['another root', '<Contacts/>'],
    ['two roots', '<Contact/><Contact/>'],
    ['an undefined entity', '<Contact><Notes>&nbsp;</Notes></Contact>'],
    ['a repeated scalar', '<Contact><Notes>a</Notes><Notes>b</Notes></Contact>'],
    ['elements inside a value', '<Contact><Notes><b>x</b></Notes></Contact>'],
    ['text where elements belong', '<Contact><Emails>text</Emails></Contact>'],
    ['a reserved name', '<Contact><__proto__>x</__proto__></Contact>'],
  ])('answers a problem, never a throw, for %s', (_what, xml) => {
    const r = decodeContact(xml);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problem.length).toBeGreaterThan(0);
  });

  it('never throws, whatever the bytes (fuzz)', () => {
    const fragments = fc.constantFrom(
      '<Contact>',
      '</Contact>',
      '<ID>',
      '</ID>',
      '<Emails>',
      '<Email>',
      '</Email>',
      '</Emails>',
      '<Tags><Tag>',
      '</Tag></Tags>',
      '&amp;',
      '&',
      '<![CDATA[',
      ']]>',
      '<!DOCTYPE x>',
      '<?xml version="1.0"?>',
      'text',
      '<',
      '>',
      '/>',
      '"',
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.array(fragments).map((parts) => parts.join('')),
        ),
        (xml) => {
          const a = decodeContact(xml);
          const b = decodeBook(xml);
          expect(typeof a.ok).toBe('boolean');
          expect(typeof b.ok).toBe('boolean');
        },
      ),
      { numRuns: 2_000 },
    );
  });
});

describe('decodeBook', () => {
  it('reads contacts and tombstones of a root document', () => {
    const r = decodeBook(
      '<LiveContacts><Owner><CID>1</CID></Owner><Contacts><Contact><ID>a</ID></Contact><Contact><ID>b</ID><IsDeleted>true</IsDeleted></Contact></Contacts></LiveContacts>',
    );
    expect(r).toEqual({ ok: true, value: { contacts: [{ ID: 'a' }, { ID: 'b', IsDeleted: 'true' }] } });
  });
  it('reads an empty book', () => {
    expect(decodeBook('<LiveContacts><Contacts/></LiveContacts>')).toEqual({ ok: true, value: { contacts: [] } });
    expect(decodeBook('<LiveContacts/>')).toEqual({ ok: true, value: { contacts: [] } });
  });
  it('refuses a truncated book instead of reading it as a smaller one', () => {
    expect(decodeBook('<LiveContacts><Contacts><Contact><ID>a</ID></Contact><Contact><ID>b</ID>').ok).toBe(false);
  });
});

describe('encode', () => {
  it('writes only the elements present, in document order, escaped', () => {
    const contact: WireContact = {
      Profiles: { Personal: { LastName: 'L & L' } },
      Emails: [{ ID: 'e1', Address: 'x@y.org' }],
      Notes: '',
      Tags: ['<a>'],
    };
    expect(encodeContact(contact)).toBe(
      '<Contact><Profiles><Personal><LastName>L &amp; L</LastName></Personal></Profiles><Emails><Email><ID>e1</ID><Address>x@y.org</Address></Email></Emails><Notes/><Tags><Tag>&lt;a&gt;</Tag></Tags></Contact>',
    );
    expect(encodeContact({})).toBe('<Contact></Contact>');
    expect(encodeChild('Phones', { PhoneType: 'Fax', Number: '1' })).toBe('<Phone><PhoneType>Fax</PhoneType><Number>1</Number></Phone>');
  });

  it('round-trips any text through encode and decode (property)', () => {
    const xmlText = fc.string({ unit: 'grapheme' }).filter((s) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/.test(s));
    fc.assert(
      fc.property(xmlText, xmlText, fc.array(xmlText, { maxLength: 3 }), (first, notes, tags) => {
        const contact: WireContact = { ID: 'x', Profiles: { Personal: { FirstName: first } }, Notes: notes, Tags: tags };
        expect(decodeContact(encodeContact(contact))).toEqual({ ok: true, value: contact });
      }),
      { numRuns: 500 },
    );
  });
});
