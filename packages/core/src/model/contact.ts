/** The contact model the app renders and edits. It carries no sync internals. */

export const EMAIL_TYPES = ['personal', 'work', 'other'] as const;
export const PHONE_TYPES = ['mobile', 'home', 'work', 'fax', 'pager', 'other'] as const;
export const ADDRESS_TYPES = ['home', 'work', 'other'] as const;

export type EmailType = (typeof EMAIL_TYPES)[number];
export type PhoneType = (typeof PHONE_TYPES)[number];
export type AddressType = (typeof ADDRESS_TYPES)[number];

export interface PersonName {
  readonly given: string;
  readonly middle: string;
  readonly family: string;
  readonly prefix: string;
  readonly suffix: string;
}

export interface Email {
  readonly type: EmailType;
  readonly address: string;
}

export interface Phone {
  readonly type: PhoneType;
  readonly number: string;
}

export interface Address {
  readonly type: AddressType;
  readonly street: string;
  readonly city: string;
  readonly region: string;
  readonly postalCode: string;
  readonly country: string;
}

/**
 * A complete contact without identity. Every field is present; an empty string or an empty list
 * means "not set". `birthday` is `YYYY-MM-DD` or empty.
 */
export interface ContactDraft {
  readonly name: PersonName;
  readonly nickname: string;
  readonly company: string;
  readonly jobTitle: string;
  readonly notes: string;
  readonly birthday: string;
  readonly emails: readonly Email[];
  readonly phones: readonly Phone[];
  readonly addresses: readonly Address[];
  readonly categories: readonly string[];
}

/** A contact as the app sees it: a draft plus a stable local id and the time of its last change. */
export interface Contact extends ContactDraft {
  readonly id: string;
  /** Epoch milliseconds of the last local or remote change applied to this replica. */
  readonly updatedAt: number;
}

export const SCALAR_FIELDS = ['nickname', 'company', 'jobTitle', 'notes', 'birthday'] as const;
export const NAME_PARTS = ['given', 'middle', 'family', 'prefix', 'suffix'] as const;

export type ScalarField = (typeof SCALAR_FIELDS)[number];

/** What `contacts.create` accepts: any subset of a draft; missing parts are empty. */
export type ContactInput = {
  readonly name?: Partial<PersonName>;
  readonly emails?: readonly { readonly type?: EmailType; readonly address: string }[];
  readonly phones?: readonly { readonly type?: PhoneType; readonly number: string }[];
  readonly addresses?: readonly Partial<Address>[];
  readonly categories?: readonly string[];
} & { readonly [K in ScalarField]?: string };
