import type { ContactDraft } from '@contactsync/core';
import type { WireContact } from '../wire.js';
import {
  applyPatch,
  newChild,
  newContact,
  type StoredChild,
  type StoredContact,
  type StoredEmail,
  type StoredLocation,
  type StoredPhone,
} from './stored.js';

/**
 * The control plane's view of contacts in core's model: seeding, "another device" edits and
 * listings. The emulator keeps its own copy of the type tables (it must not share the client's
 * mapping); the contract has no element for `name.prefix` / `name.suffix`, so they are dropped.
 */

const EMAIL = { personal: 'Personal', work: 'Business', other: 'Other' } as const;
const PHONE = { mobile: 'Mobile', home: 'Personal', work: 'Business', fax: 'Fax', pager: 'Pager', other: 'Other' } as const;
const ADDRESS = { home: 'Personal', work: 'Business', other: 'Other' } as const;

function invert<K extends string, V extends string>(table: Readonly<Record<K, V>>): Readonly<Record<string, K>> {
  return Object.fromEntries(Object.entries(table).map(([k, v]) => [v, k])) as Record<string, K>;
}
const EMAIL_BACK: Readonly<Record<string, 'personal' | 'work' | 'other'>> = { ...invert(EMAIL), WindowsLiveID: 'other' };
const PHONE_BACK = invert(PHONE);
const ADDRESS_BACK = invert(ADDRESS);

const ADDRESS_PARTS = ['StreetLine', 'PrimaryCity', 'Subdivision', 'PostalCode', 'CountryRegion'] as const;
const isAddress = (l: StoredLocation): boolean => ADDRESS_PARTS.some((f) => l[f] !== '');

/** The company is the `CompanyName` of the first Business location that has one, else of the first location that has one. */
function companyOf(locations: readonly StoredLocation[]): string {
  const named = locations.filter((l) => l.CompanyName !== '');
  return (named.find((l) => l.LocationType === 'Business') ?? named[0])?.CompanyName ?? '';
}

/** A create body for a draft (every element, no IDs); the company goes on the first work address, else on a Business location of its own. */
function wireFromDraft(d: ContactDraft): WireContact {
  const work = d.company === '' ? -1 : d.addresses.findIndex((a) => a.type === 'work');
  const locations = d.addresses.map((a, i) => ({
    LocationType: ADDRESS[a.type],
    CompanyName: i === work ? d.company : '',
    StreetLine: a.street,
    PrimaryCity: a.city,
    Subdivision: a.region,
    PostalCode: a.postalCode,
    CountryRegion: a.country,
  }));
  return {
    Profiles: {
      Personal: {
        FirstName: d.name.given,
        MiddleName: d.name.middle,
        LastName: d.name.family,
        NickName: d.nickname,
        Birthdate: d.birthday,
      },
      Professional: { JobTitle: d.jobTitle },
    },
    Emails: d.emails.map((e) => ({ EmailType: EMAIL[e.type], Address: e.address })),
    Phones: d.phones.map((p) => ({ PhoneType: PHONE[p.type], Number: p.number })),
    Locations: d.company !== '' && work < 0 ? [...locations, { LocationType: 'Business', CompanyName: d.company }] : locations,
    Notes: d.notes,
    Tags: [...d.categories],
  };
}

export function draftFromStored(c: StoredContact): ContactDraft {
  return {
    name: { given: c.personal.FirstName, middle: c.personal.MiddleName, family: c.personal.LastName, prefix: '', suffix: '' },
    nickname: c.personal.NickName,
    company: companyOf(c.locations),
    jobTitle: c.professional.JobTitle,
    notes: c.notes,
    birthday: c.personal.Birthdate,
    emails: c.emails.map((e) => ({ type: EMAIL_BACK[e.EmailType] ?? 'other', address: e.Address })),
    phones: c.phones.map((p) => ({ type: PHONE_BACK[p.PhoneType] ?? 'other', number: p.Number })),
    addresses: c.locations.filter(isAddress).map((l) => ({
      type: ADDRESS_BACK[l.LocationType] ?? 'other',
      street: l.StreetLine,
      city: l.PrimaryCity,
      region: l.Subdivision,
      postalCode: l.PostalCode,
      country: l.CountryRegion,
    })),
    categories: [...c.tags],
  };
}

export function storedFromDraft(d: ContactDraft, newId: () => string, now: number): StoredContact {
  return newContact(wireFromDraft(d), newId, now);
}

/** Children of the edited list keep their IDs where an identical child existed, as a real edit would. */
function keepIds<T extends StoredChild>(before: readonly T[], after: readonly T[]): T[] {
  const free = [...before];
  return after.map((child) => {
    const same = free.findIndex(
      (b) => JSON.stringify({ ...b, ID: '', IsDefault: '' }) === JSON.stringify({ ...child, ID: '', IsDefault: '' }),
    );
    if (same < 0) return child;
    const [kept] = free.splice(same, 1);
    return kept ?? child;
  });
}

/** "Another device" replaces the given parts of a contact. */
export function applyDraftChange(c: StoredContact, change: Partial<ContactDraft>, newId: () => string, now: number): StoredContact {
  const next: ContactDraft = { ...draftFromStored(c), ...change, name: { ...draftFromStored(c).name, ...change.name } };
  const wire = wireFromDraft(next);
  const scalars = applyPatch(c, { ...wire, Emails: [], Phones: [], Locations: [] }, now);
  return {
    ...scalars,
    emails: keepIds(
      c.emails,
      (wire.Emails ?? []).map((e) => newChild('Emails', e, newId()) as StoredEmail),
    ),
    phones: keepIds(
      c.phones,
      (wire.Phones ?? []).map((p) => newChild('Phones', p, newId()) as StoredPhone),
    ),
    locations: keepIds(
      c.locations,
      (wire.Locations ?? []).map((l) => newChild('Locations', l, newId()) as StoredLocation),
    ),
  };
}
