import type { Address, ContactDraft, ContactInput, PersonName } from './contact.js';

export const EMPTY_NAME: PersonName = { given: '', middle: '', family: '', prefix: '', suffix: '' };

export const EMPTY_DRAFT: ContactDraft = {
  name: EMPTY_NAME,
  nickname: '',
  company: '',
  jobTitle: '',
  notes: '',
  birthday: '',
  emails: [],
  phones: [],
  addresses: [],
  categories: [],
};

function toAddress(input: Partial<Address>): Address {
  return {
    type: input.type ?? 'home',
    street: input.street ?? '',
    city: input.city ?? '',
    region: input.region ?? '',
    postalCode: input.postalCode ?? '',
    country: input.country ?? '',
  };
}

/** Fills every missing part of an input with its empty value. Pure; does not validate. */
export function toDraft(input: ContactInput): ContactDraft {
  return {
    name: { ...EMPTY_NAME, ...input.name },
    nickname: input.nickname ?? '',
    company: input.company ?? '',
    jobTitle: input.jobTitle ?? '',
    notes: input.notes ?? '',
    birthday: input.birthday ?? '',
    emails: (input.emails ?? []).map((e) => ({ type: e.type ?? 'personal', address: e.address })),
    phones: (input.phones ?? []).map((p) => ({ type: p.type ?? 'mobile', number: p.number })),
    addresses: (input.addresses ?? []).map(toAddress),
    categories: [...(input.categories ?? [])],
  };
}

/** Copies exactly the draft fields of a value that may carry more (a row, a Contact). */
export function pickDraft(value: ContactDraft): ContactDraft {
  return {
    name: { ...value.name },
    nickname: value.nickname,
    company: value.company,
    jobTitle: value.jobTitle,
    notes: value.notes,
    birthday: value.birthday,
    emails: value.emails.map((e) => ({ type: e.type, address: e.address })),
    phones: value.phones.map((p) => ({ type: p.type, number: p.number })),
    addresses: value.addresses.map(toAddress),
    categories: [...value.categories],
  };
}
