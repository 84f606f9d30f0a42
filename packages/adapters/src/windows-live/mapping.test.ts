import { ADDRESS_TYPES, EMAIL_TYPES, PHONE_TYPES, toDraft, type ContactDraft } from '@contactsync/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeContact, encodeContact } from './codec.js';
import { draftFromWire, draftToWire, storedForm } from './mapping.js';

const text = fc.string({ unit: 'grapheme', maxLength: 20 }).filter((s) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(s));
const draft: fc.Arbitrary<ContactDraft> = fc.record({
  name: fc.record({ given: text, middle: text, family: text, prefix: text, suffix: text }),
  nickname: text,
  company: text,
  jobTitle: text,
  notes: text,
  birthday: fc.constantFrom('', '1815-12-10', '2000-02-29'),
  emails: fc.array(fc.record({ type: fc.constantFrom(...EMAIL_TYPES), address: text }), { maxLength: 3 }),
  phones: fc.array(fc.record({ type: fc.constantFrom(...PHONE_TYPES), number: text }), { maxLength: 3 }),
  // Core validation refuses an address with no part filled in (and the contract reads such a location as none).
  addresses: fc.array(
    fc
      .record({ type: fc.constantFrom(...ADDRESS_TYPES), street: text, city: text, region: text, postalCode: text, country: text })
      .filter((a) => [a.street, a.city, a.region, a.postalCode, a.country].some((part) => part !== '')),
    { maxLength: 2 },
  ),
  categories: fc.array(text, { maxLength: 3 }),
});

/** Through the wire and back: what the service would send us for what we sent it. */
function throughTheWire(d: ContactDraft): ContactDraft {
  const decoded = decodeContact(encodeContact({ ID: 'x', ...draftToWire(d) }));
  if (!decoded.ok) throw new Error(decoded.problem);
  return draftFromWire(decoded.value);
}

describe('mapping', () => {
  it('round-trips every supported field; name prefix and suffix are not representable (property)', () => {
    fc.assert(
      fc.property(draft, (d) => {
        expect(throughTheWire(d)).toEqual({ ...d, name: { ...d.name, prefix: '', suffix: '' } });
      }),
      { numRuns: 500 },
    );
  });

  it('storedForm is what a read-back returns', () => {
    fc.assert(
      fc.property(draft, (d) => {
        expect(storedForm(d)).toEqual(throughTheWire(d));
      }),
      { numRuns: 200 },
    );
  });

  it('maps the types of docs/windows-live.md §1.3 both ways', () => {
    const d = toDraft({
      emails: [
        { type: 'personal', address: 'a@x.org' },
        { type: 'work', address: 'b@x.org' },
        { type: 'other', address: 'c@x.org' },
      ],
      phones: PHONE_TYPES.map((type) => ({ type, number: type })),
      addresses: [
        { type: 'home', city: 'a' },
        { type: 'work', city: 'b' },
        { type: 'other', city: 'c' },
      ],
    });
    const wire = draftToWire(d);
    expect(wire.Emails?.map((e) => e.EmailType)).toEqual(['Personal', 'Business', 'Other']);
    expect(wire.Phones?.map((p) => p.PhoneType)).toEqual(['Mobile', 'Personal', 'Business', 'Fax', 'Pager', 'Other']);
    expect(wire.Locations?.map((l) => l.LocationType)).toEqual(['Personal', 'Business', 'Other']);
    expect(draftFromWire(wire)).toEqual(d);
  });

  it('reads WindowsLiveID emails, unknown enum values and date-times leniently', () => {
    const d = draftFromWire({
      Emails: [{ EmailType: 'WindowsLiveID', Address: 'ada@live.example' }],
      Phones: [{ PhoneType: 'Car', Number: '1' }],
      Locations: [{ LocationType: 'Holiday', PrimaryCity: 'x' }],
      Profiles: { Personal: { Birthdate: '1815-12-10T00:00:00Z' } },
    });
    expect(d.emails).toEqual([{ type: 'other', address: 'ada@live.example' }]);
    expect(d.phones).toEqual([{ type: 'other', number: '1' }]);
    expect(d.addresses[0]?.type).toBe('other');
    expect(d.birthday).toBe('1815-12-10');
  });

  it('leaves empty values out of a create body', () => {
    expect(draftToWire(toDraft({ name: { given: 'Ada' } }))).toEqual({ Profiles: { Personal: { FirstName: 'Ada' } } });
    expect(draftToWire(toDraft({}))).toEqual({});
  });

  // Revised contract (docs/windows-live.md, "Company").
  it('keeps the company on the Business location: a location holding only it is not an address', () => {
    const alone = toDraft({ company: 'Analytical Engines', addresses: [{ type: 'home', city: 'London' }] });
    expect(draftToWire(alone).Locations).toEqual([
      { LocationType: 'Personal', StreetLine: '', PrimaryCity: 'London', Subdivision: '', PostalCode: '', CountryRegion: '' },
      { LocationType: 'Business', CompanyName: 'Analytical Engines' },
    ]);
    expect(draftToWire(alone).Profiles).toBeUndefined();
    const withWork = toDraft({ company: 'AE', addresses: [{ type: 'work', city: 'London' }] });
    expect(draftToWire(withWork).Locations).toEqual([
      {
        LocationType: 'Business',
        CompanyName: 'AE',
        StreetLine: '',
        PrimaryCity: 'London',
        Subdivision: '',
        PostalCode: '',
        CountryRegion: '',
      },
    ]);
    expect(storedForm(alone)).toEqual(alone);
    expect(storedForm(withWork)).toEqual(withWork);
  });

  it('reads the company from the Business location, else any location, else a legacy Professional element', () => {
    const read = (locations: object[], professional?: object) =>
      draftFromWire({ Locations: locations, ...(professional === undefined ? {} : { Profiles: { Professional: professional } }) });
    expect(
      read([
        { LocationType: 'Personal', CompanyName: 'P', PrimaryCity: 'x' },
        { LocationType: 'Business', CompanyName: 'B' },
      ]).company,
    ).toBe('B');
    expect(read([{ LocationType: 'Other', CompanyName: 'O' }]).company).toBe('O');
    expect(read([{ LocationType: 'Other', CompanyName: 'O' }]).addresses).toEqual([]);
    expect(read([], { CompanyName: 'Legacy', JobTitle: 'J' })).toMatchObject({ company: 'Legacy', jobTitle: 'J' });
  });
});
