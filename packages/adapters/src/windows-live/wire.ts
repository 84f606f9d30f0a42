/**
 * The Windows Live Contacts wire vocabulary (docs/windows-live.md §1): element names, enum values, limits
 * and header names. This is the only module the client and the emulator share, so a
 * misunderstanding of the protocol in either one's logic cannot hide behind shared code.
 *
 * Every property of a wire object is optional because PUT is a partial update (§1.2): an absent
 * element means "leave unchanged", an empty one means "set to empty".
 */

export const EMAIL_TYPES = ['Personal', 'Business', 'Other', 'WindowsLiveID'] as const;
export const PHONE_TYPES = ['Personal', 'Business', 'Mobile', 'Pager', 'Fax', 'Other'] as const;
export const LOCATION_TYPES = ['Personal', 'Business', 'Other'] as const;

export type WireEmailType = (typeof EMAIL_TYPES)[number];
export type WirePhoneType = (typeof PHONE_TYPES)[number];
export type WireLocationType = (typeof LOCATION_TYPES)[number];

/** §1.3 limits. Text values 1,024 characters, Notes 4,096, an email Address 321. */
export const LIMITS = {
  text: 1024,
  notes: 4096,
  emailAddress: 321,
} as const;

/** Element names in document order, so both sides write the same shape. */
export const PERSONAL_FIELDS = ['FirstName', 'MiddleName', 'LastName', 'NickName', 'Birthdate'] as const;
/** What `Professional` holds. `CompanyName` belongs to a `Location` (revised contract, docs/windows-live.md). */
export const PROFESSIONAL_FIELDS = ['JobTitle'] as const;
/** Where earlier versions of the contract wrote the company: read as the company, never written. */
export const LEGACY_COMPANY_FIELD = 'CompanyName';
/** The parts of a location that make it an address; a location with none of them is not one. */
export const ADDRESS_FIELDS = ['StreetLine', 'PrimaryCity', 'Subdivision', 'PostalCode', 'CountryRegion'] as const;
export const LOCATION_FIELDS = ['CompanyName', ...ADDRESS_FIELDS] as const;

export type PersonalField = (typeof PERSONAL_FIELDS)[number];
export type ProfessionalField = (typeof PROFESSIONAL_FIELDS)[number];
export type LocationField = (typeof LOCATION_FIELDS)[number];

export type WirePersonal = { readonly [K in PersonalField]?: string };
export type WireProfessional = { readonly [K in ProfessionalField | typeof LEGACY_COMPANY_FIELD]?: string };

export interface WireProfiles {
  readonly Personal?: WirePersonal;
  readonly Professional?: WireProfessional;
}

export interface WireEmail {
  readonly ID?: string;
  readonly EmailType?: string;
  readonly Address?: string;
  readonly IsDefault?: string;
}

export interface WirePhone {
  readonly ID?: string;
  readonly PhoneType?: string;
  readonly Number?: string;
}

export type WireLocation = { readonly ID?: string; readonly LocationType?: string } & {
  readonly [K in LocationField]?: string;
};

/** `<Contact>`; a tombstone in a 206 carries only `ID` and `IsDeleted` (§1.4). */
export interface WireContact {
  readonly ID?: string;
  readonly Profiles?: WireProfiles;
  readonly Emails?: readonly WireEmail[];
  readonly Phones?: readonly WirePhone[];
  readonly Locations?: readonly WireLocation[];
  readonly Notes?: string;
  readonly Tags?: readonly string[];
  readonly IsDeleted?: string;
}

/** The child collections of a contact, with their element and type-element names. */
export const CHILD_COLLECTIONS = {
  Emails: { element: 'Email', typeElement: 'EmailType' },
  Phones: { element: 'Phone', typeElement: 'PhoneType' },
  Locations: { element: 'Location', typeElement: 'LocationType' },
} as const;

export type ChildCollection = keyof typeof CHILD_COLLECTIONS;

export const HEADERS = {
  deltaSync: 'DeltaSync',
  ifModifiedSince: 'If-Modified-Since',
  ifUnmodifiedSince: 'If-Unmodified-Since',
  lastModified: 'Last-Modified',
  retryAfter: 'Retry-After',
  location: 'Location',
  allow: 'Allow',
  authorization: 'Authorization',
} as const;

/** The only `DeltaSync` mode the contract defines (§1.4). */
export const DELTA_SYNC_BASIC = 'Basic';

/** `Authorization: DelegatedToken dt="{token}"` (§1.1). */
export const AUTH_SCHEME = 'DelegatedToken';

export const XML_CONTENT_TYPE = 'application/xml; charset=utf-8';

/** The two `Allow` values of a 405 (seed document, 405). */
export const ALLOW_SINGLETON = 'GET, PUT';
export const ALLOW_ANY_METHOD = 'POST, PUT, GET, DELETE';
