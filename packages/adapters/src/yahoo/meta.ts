import type { ContactDraft, RecordMeta } from '@contactsync/core';

/**
 * The field ids (fids) and category ids behind a contact's draft, kept in `RemoteContact.meta`, so
 * an update can name exactly the fields it changes (`update-email fid=..`, `remove-field fid=..`,
 * `remove-from-category catid=..`). List ids are aligned with the draft's lists. Fields the draft
 * has no place for (a second nickname, a `link`, ...) are not listed, so they are never touched.
 */
export interface YahooMeta {
  readonly name: number | null;
  readonly nickname: number | null;
  readonly company: number | null;
  readonly jobtitle: number | null;
  readonly notes: number | null;
  readonly birthday: number | null;
  readonly emails: readonly number[];
  readonly phones: readonly number[];
  readonly addresses: readonly number[];
  readonly cats: readonly number[];
}

export const SINGLE_FIELDS = ['name', 'nickname', 'company', 'jobtitle', 'notes', 'birthday'] as const;
export type SingleField = (typeof SINGLE_FIELDS)[number];

export function toMeta(meta: YahooMeta): RecordMeta {
  return { yahoo: 1, ...meta };
}

const isId = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value);

/** Reads meta written by `toMeta` for this draft; null when absent or out of step with the draft. */
export function fromMeta(meta: RecordMeta | undefined, contact: ContactDraft): YahooMeta | null {
  if (meta === undefined || meta['yahoo'] !== 1) return null;
  const single = (key: SingleField): number | null | undefined => {
    const value = Object.hasOwn(meta, key) ? meta[key] : undefined;
    return value === null ? null : isId(value) ? value : undefined;
  };
  const ids = (key: string, length: number): number[] | null => {
    const value = Object.hasOwn(meta, key) ? meta[key] : undefined;
    return Array.isArray(value) && value.length === length && value.every(isId) ? [...value] : null;
  };
  const singles = SINGLE_FIELDS.map(single);
  const emails = ids('emails', contact.emails.length);
  const phones = ids('phones', contact.phones.length);
  const addresses = ids('addresses', contact.addresses.length);
  const cats = ids('cats', contact.categories.length);
  if (singles.includes(undefined) || emails === null || phones === null || addresses === null || cats === null) return null;
  const [name, nickname, company, jobtitle, notes, birthday] = singles as (number | null)[];
  return {
    name: name ?? null,
    nickname: nickname ?? null,
    company: company ?? null,
    jobtitle: jobtitle ?? null,
    notes: notes ?? null,
    birthday: birthday ?? null,
    emails,
    phones,
    addresses,
    cats,
  };
}
