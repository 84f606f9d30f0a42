import type { Address, AddressType, ContactDraft, Phone } from '@contactsync/core';

/**
 * The control plane's drafts <-> stored Graph properties. Written apart from the adapter's mapping
 * on purpose: the emulator is the reference the adapter is tested against, so it must not share
 * the adapter's mistakes.
 */

const ADDRESS_KEYS: Readonly<Record<AddressType, string>> = { home: 'homeAddress', work: 'businessAddress', other: 'otherAddress' };

const orNull = (v: string): string | null => (v === '' ? null : v);

function address(a: Address | undefined): Record<string, string> | null {
  return a === undefined ? null : { street: a.street, city: a.city, state: a.region, postalCode: a.postalCode, countryOrRegion: a.country };
}

/** Graph properties for the parts of a draft that are present in `change`. */
export function propsFromDraft(change: Partial<ContactDraft>): Record<string, unknown> {
  const p: Record<string, unknown> = {};
  if (change.name !== undefined) {
    const n = change.name;
    Object.assign(p, {
      givenName: orNull(n.given),
      middleName: orNull(n.middle),
      surname: orNull(n.family),
      title: orNull(n.prefix),
      generation: orNull(n.suffix),
    });
  }
  if (change.nickname !== undefined) p['nickName'] = orNull(change.nickname);
  if (change.company !== undefined) p['companyName'] = orNull(change.company);
  if (change.jobTitle !== undefined) p['jobTitle'] = orNull(change.jobTitle);
  if (change.notes !== undefined) p['personalNotes'] = orNull(change.notes);
  if (change.birthday !== undefined) p['birthday'] = change.birthday === '' ? null : `${change.birthday}T00:00:00Z`;
  if (change.categories !== undefined) p['categories'] = [...change.categories];
  if (change.emails !== undefined) p['emailAddresses'] = change.emails.map((e) => ({ name: e.address, address: e.address }));
  if (change.phones !== undefined) {
    const of = (type: Phone['type']): string[] => (change.phones ?? []).filter((x) => x.type === type).map((x) => x.number);
    Object.assign(p, { businessPhones: of('work'), homePhones: of('home'), mobilePhone: of('mobile')[0] ?? null });
  }
  if (change.addresses !== undefined) {
    for (const type of ['home', 'work', 'other'] as const) p[ADDRESS_KEYS[type]] = address(change.addresses.find((a) => a.type === type));
  }
  return p;
}

const s = (v: unknown): string => (typeof v === 'string' ? v : '');
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** The draft the stored properties amount to (what a reader of the mailbox would see). */
export function draftFromProps(p: Readonly<Record<string, unknown>>): ContactDraft {
  const phones: Phone[] = [];
  if (s(p['mobilePhone']) !== '') phones.push({ type: 'mobile', number: s(p['mobilePhone']) });
  for (const n of list(p['businessPhones'])) if (s(n) !== '') phones.push({ type: 'work', number: s(n) });
  for (const n of list(p['homePhones'])) if (s(n) !== '') phones.push({ type: 'home', number: s(n) });
  const addresses: Address[] = [];
  for (const type of ['home', 'work', 'other'] as const) {
    const a = p[ADDRESS_KEYS[type]] as Record<string, unknown> | null | undefined;
    if (a === null || a === undefined) continue;
    const parsed: Address = {
      type,
      street: s(a['street']),
      city: s(a['city']),
      region: s(a['state']),
      postalCode: s(a['postalCode']),
      country: s(a['countryOrRegion']),
    };
    if (parsed.street || parsed.city || parsed.region || parsed.postalCode || parsed.country) addresses.push(parsed);
  }
  const birthday = s(p['birthday']).slice(0, 10);
  return {
    name: {
      given: s(p['givenName']),
      middle: s(p['middleName']),
      family: s(p['surname']),
      prefix: s(p['title']),
      suffix: s(p['generation']),
    },
    nickname: s(p['nickName']),
    company: s(p['companyName']),
    jobTitle: s(p['jobTitle']),
    notes: s(p['personalNotes']),
    birthday,
    emails: list(p['emailAddresses']).flatMap((e) => {
      const a = s((e as Record<string, unknown> | null)?.['address']);
      return a === '' ? [] : [{ type: 'personal' as const, address: a }];
    }),
    phones,
    addresses,
    categories: list(p['categories']).map(s),
  };
}
