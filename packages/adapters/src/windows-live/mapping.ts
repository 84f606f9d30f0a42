import type { Address, AddressType, ContactDraft, Email, EmailType, Phone, PhoneType } from '@contactsync/core';
import { ADDRESS_FIELDS } from './wire.js';
import type { WireContact, WireEmail, WireEmailType, WireLocation, WireLocationType, WirePhone, WirePhoneType } from './wire.js';

/**
 * Core contact model <-> Windows Live `<Contact>` (docs/windows-live.md §1.3).
 *
 * Not representable, by the contract's schema: `name.prefix` and `name.suffix` (no element for
 * them; they are dropped on write and empty on read). `WindowsLiveID` emails read as `other`; the
 * record's meta keeps their wire type so later updates address them correctly.
 *
 * The company is the `CompanyName` of a location (revised contract; docs/windows-live.md,
 * "Company"): read from the first `Business` location that has one, else the first location that
 * has one, else a legacy `Professional/CompanyName`; written to the first work address, or to a
 * `Business` location holding only the company. Such a location is not an address.
 */

export const EMAIL_TYPE_TO_WIRE = { personal: 'Personal', work: 'Business', other: 'Other' } as const satisfies Record<
  EmailType,
  WireEmailType
>;
const PHONE_TYPE_TO_WIRE = {
  mobile: 'Mobile',
  home: 'Personal',
  work: 'Business',
  fax: 'Fax',
  pager: 'Pager',
  other: 'Other',
} as const satisfies Record<PhoneType, WirePhoneType>;
const ADDRESS_TYPE_TO_WIRE = { home: 'Personal', work: 'Business', other: 'Other' } as const satisfies Record<
  AddressType,
  WireLocationType
>;

const EMAIL_TYPE_FROM_WIRE: Readonly<Record<string, EmailType>> = {
  Personal: 'personal',
  Business: 'work',
  Other: 'other',
  WindowsLiveID: 'other',
};
const PHONE_TYPE_FROM_WIRE: Readonly<Record<string, PhoneType>> = {
  Mobile: 'mobile',
  Personal: 'home',
  Business: 'work',
  Fax: 'fax',
  Pager: 'pager',
  Other: 'other',
};
const ADDRESS_TYPE_FROM_WIRE: Readonly<Record<string, AddressType>> = { Personal: 'home', Business: 'work', Other: 'other' };

function lookup<T>(table: Readonly<Record<string, T>>, key: string | undefined, fallback: T): T {
  // A value outside the contract's enums (only possible from another implementation) reads as
  // the catch-all type instead of failing the whole page.
  return (key !== undefined && Object.hasOwn(table, key) ? table[key] : undefined) ?? fallback;
}

function birthdayFromWire(value: string | undefined): string {
  // The contract writes a date; a date-time from another implementation keeps its date part.
  const match = /^(\d{4}-\d{2}-\d{2})/.exec(value ?? '');
  return match?.[1] ?? '';
}

function emailFromWire(e: WireEmail): Email {
  return { type: lookup(EMAIL_TYPE_FROM_WIRE, e.EmailType, 'other'), address: e.Address ?? '' };
}

function phoneFromWire(p: WirePhone): Phone {
  return { type: lookup(PHONE_TYPE_FROM_WIRE, p.PhoneType, 'other'), number: p.Number ?? '' };
}

function addressFromWire(l: WireLocation): Address {
  return {
    type: lookup(ADDRESS_TYPE_FROM_WIRE, l.LocationType, 'other'),
    street: l.StreetLine ?? '',
    city: l.PrimaryCity ?? '',
    region: l.Subdivision ?? '',
    postalCode: l.PostalCode ?? '',
    country: l.CountryRegion ?? '',
  };
}

/** A location with any address part is an address; one holding only a company (or nothing) is not. */
export function isAddress(l: WireLocation): boolean {
  return ADDRESS_FIELDS.some((f) => (l[f] ?? '') !== '');
}

/** The index of the location the company is read from, or null when no location names one. */
export function companyLocation(locations: readonly WireLocation[]): number | null {
  const named = (l: WireLocation): boolean => (l.CompanyName ?? '') !== '';
  const business = locations.findIndex((l) => named(l) && l.LocationType === 'Business');
  const any = business >= 0 ? business : locations.findIndex(named);
  return any >= 0 ? any : null;
}

/** A whole `<Contact>` as received (GET, 200 or 206) -> the core draft. Absent elements are empty. */
export function draftFromWire(c: WireContact): ContactDraft {
  const personal = c.Profiles?.Personal ?? {};
  const professional = c.Profiles?.Professional ?? {};
  const locations = c.Locations ?? [];
  const carrier = companyLocation(locations);
  return {
    name: {
      given: personal.FirstName ?? '',
      middle: personal.MiddleName ?? '',
      family: personal.LastName ?? '',
      prefix: '',
      suffix: '',
    },
    nickname: personal.NickName ?? '',
    company: (carrier === null ? undefined : locations[carrier]?.CompanyName) ?? professional.CompanyName ?? '',
    jobTitle: professional.JobTitle ?? '',
    notes: c.Notes ?? '',
    birthday: birthdayFromWire(personal.Birthdate),
    emails: (c.Emails ?? []).map(emailFromWire),
    phones: (c.Phones ?? []).map(phoneFromWire),
    addresses: locations.filter(isAddress).map(addressFromWire),
    categories: [...(c.Tags ?? [])],
  };
}

export function emailToWire(e: Email): WireEmail {
  return { EmailType: EMAIL_TYPE_TO_WIRE[e.type], Address: e.address };
}

export function phoneToWire(p: Phone): WirePhone {
  return { PhoneType: PHONE_TYPE_TO_WIRE[p.type], Number: p.number };
}

export function addressToWire(a: Address): WireLocation {
  return {
    LocationType: ADDRESS_TYPE_TO_WIRE[a.type],
    StreetLine: a.street,
    PrimaryCity: a.city,
    Subdivision: a.region,
    PostalCode: a.postalCode,
    CountryRegion: a.country,
  };
}

/** The `Business` location of a contact that has a company and no work address. */
export function companyOnlyLocation(company: string): WireLocation {
  return { LocationType: 'Business', CompanyName: company };
}

/** Keeps only non-empty values: a create need not spell out what is empty. */
function nonEmpty<T extends Record<string, string>>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== '')) as Partial<T>;
}

/** The body of a create (POST Contacts): every non-empty supported field, no IDs. */
export function draftToWire(d: ContactDraft): WireContact {
  const personal = nonEmpty({
    FirstName: d.name.given,
    MiddleName: d.name.middle,
    LastName: d.name.family,
    NickName: d.nickname,
    Birthdate: d.birthday,
  });
  const professional = nonEmpty({ JobTitle: d.jobTitle });
  const locations: WireLocation[] = d.addresses.map(addressToWire);
  if (d.company !== '') {
    const work = d.addresses.findIndex((a) => a.type === 'work');
    const carrier = locations[work];
    if (carrier !== undefined) locations[work] = { ...carrier, CompanyName: d.company };
    else locations.push(companyOnlyLocation(d.company));
  }
  const hasPersonal = Object.keys(personal).length > 0;
  const hasProfessional = Object.keys(professional).length > 0;
  return {
    ...(hasPersonal || hasProfessional
      ? {
          Profiles: {
            ...(hasPersonal ? { Personal: personal } : {}),
            ...(hasProfessional ? { Professional: professional } : {}),
          },
        }
      : {}),
    ...(d.emails.length > 0 ? { Emails: d.emails.map(emailToWire) } : {}),
    ...(d.phones.length > 0 ? { Phones: d.phones.map(phoneToWire) } : {}),
    ...(locations.length > 0 ? { Locations: locations } : {}),
    ...(d.notes !== '' ? { Notes: d.notes } : {}),
    ...(d.categories.length > 0 ? { Tags: [...d.categories] } : {}),
  };
}

/** The draft as the service will hold it: what a write's result record should say. */
export function storedForm(d: ContactDraft): ContactDraft {
  return draftFromWire(draftToWire(d));
}
