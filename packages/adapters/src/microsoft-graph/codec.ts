import { arr, get, obj, optStr, parseJson, ShapeError, str, type Obj } from './json.js';
import type {
  BatchItemResponse,
  DeltaItem,
  DeltaPage,
  GraphAddress,
  GraphContact,
  GraphEmail,
  GraphError,
  MappedProperty,
} from './wire.js';

/**
 * Decoders for Graph's JSON bodies. Each checks the shape of what it reads and returns a problem
 * instead of a value when anything is off; nothing above this file sees an unchecked body.
 */

export type Decoded<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: string };

function decode<T>(text: string, read: (value: unknown) => T): Decoded<T> {
  const parsed = parseJson(text);
  if (!parsed.ok) return parsed;
  try {
    return { ok: true, value: read(parsed.value) };
  } catch (error) {
    if (error instanceof ShapeError) return { ok: false, problem: error.message };
    throw error;
  }
}

function strings(value: unknown, where: string): readonly string[] | null | undefined {
  if (value === undefined || value === null) return value;
  return arr(value, where).map((v, i) => str(v, `${where}[${i}]`));
}

function email(value: unknown, where: string): GraphEmail {
  const o = obj(value, where);
  return { name: optStr(get(o, 'name'), `${where}.name`) ?? null, address: optStr(get(o, 'address'), `${where}.address`) ?? null };
}

function address(value: unknown, where: string): GraphAddress | null | undefined {
  if (value === undefined || value === null) return value;
  const o = obj(value, where);
  const part = (key: string): string | null => optStr(get(o, key), `${where}.${key}`) ?? null;
  return {
    street: part('street'),
    city: part('city'),
    state: part('state'),
    postalCode: part('postalCode'),
    countryOrRegion: part('countryOrRegion'),
  };
}

const TEXT_PROPERTIES = [
  'givenName',
  'middleName',
  'surname',
  'title',
  'generation',
  'nickName',
  'companyName',
  'jobTitle',
  'personalNotes',
  'birthday',
  'mobilePhone',
  'changeKey',
] as const;
const LIST_PROPERTIES = ['categories', 'businessPhones', 'homePhones'] as const;
const ADDRESS_PROPERTIES = ['homeAddress', 'businessAddress', 'otherAddress'] as const;

/** A contact object; absent properties stay absent (a partial delta item), present ones are checked. */
export function readContact(value: unknown, where = 'contact'): GraphContact {
  const o = obj(value, where);
  const id = str(get(o, 'id'), `${where}.id`);
  if (id === '') throw new ShapeError(`${where}.id is empty`);
  const out: Record<string, unknown> = { id };
  const etag = get(o, '@odata.etag');
  if (etag !== undefined) out['@odata.etag'] = str(etag, `${where}.@odata.etag`);
  for (const key of TEXT_PROPERTIES) {
    const v = optStr(get(o, key), `${where}.${key}`);
    if (v !== undefined) out[key] = v;
  }
  for (const key of LIST_PROPERTIES) {
    const v = strings(get(o, key), `${where}.${key}`);
    if (v !== undefined) out[key] = v;
  }
  for (const key of ADDRESS_PROPERTIES) {
    const v = address(get(o, key), `${where}.${key}`);
    if (v !== undefined) out[key] = v;
  }
  const emails = get(o, 'emailAddresses');
  if (emails === null) out['emailAddresses'] = null;
  else if (emails !== undefined)
    out['emailAddresses'] = arr(emails, `${where}.emailAddresses`).map((e, i) => email(e, `${where}.emailAddresses[${i}]`));
  return out as unknown as GraphContact;
}

/** The mapped properties an item leaves out: an item missing none of them is complete. */
export function missingProperties(contact: GraphContact, mapped: readonly MappedProperty[]): MappedProperty[] {
  return mapped.filter((key) => !Object.hasOwn(contact, key));
}

function link(o: Obj, key: string): string | undefined {
  const v = get(o, key);
  return v === undefined ? undefined : str(v, key);
}

function deltaItem(value: unknown, where: string): DeltaItem {
  const o = obj(value, where);
  if (Object.hasOwn(o, '@removed')) {
    // "changed" (moved out of the folder, or soft-deleted) and "deleted" are both gone from here.
    obj(get(o, '@removed'), `${where}.@removed`);
    const id = str(get(o, 'id'), `${where}.id`);
    if (id === '') throw new ShapeError(`${where}.id is empty`);
    return { kind: 'removed', id };
  }
  return { kind: 'contact', contact: readContact(o, where) };
}

/** A delta page: `value`, and exactly one of `@odata.nextLink` and `@odata.deltaLink`. */
export function decodeDeltaPage(text: string, maxItems: number): Decoded<DeltaPage> {
  return decode(text, (value) => {
    const o = obj(value, 'page');
    const items = arr(get(o, 'value'), 'page.value');
    if (items.length > maxItems) throw new ShapeError(`page of ${items.length} items, more than the ${maxItems} allowed`);
    const nextLink = link(o, '@odata.nextLink');
    const deltaLink = link(o, '@odata.deltaLink');
    if ((nextLink === undefined) === (deltaLink === undefined)) throw new ShapeError('page has neither or both of nextLink and deltaLink');
    const next =
      nextLink !== undefined ? { kind: 'nextLink' as const, url: nextLink } : { kind: 'deltaLink' as const, url: deltaLink as string };
    return { items: items.map((item, i) => deltaItem(item, `page.value[${i}]`)), next };
  });
}

export function decodeContact(text: string): Decoded<GraphContact> {
  return decode(text, (value) => readContact(value));
}

/** A plain collection (`{ value: [...] }`), as a `$filter` query answers. */
export function decodeContactList(text: string): Decoded<readonly GraphContact[]> {
  return decode(text, (value) =>
    arr(get(obj(value, 'collection'), 'value'), 'collection.value').map((c, i) => readContact(c, `value[${i}]`)),
  );
}

export function readContactValue(value: unknown): Decoded<GraphContact> {
  try {
    return { ok: true, value: readContact(value) };
  } catch (error) {
    if (error instanceof ShapeError) return { ok: false, problem: error.message };
    throw error;
  }
}

export function readContactListValue(value: unknown): Decoded<readonly GraphContact[]> {
  try {
    return {
      ok: true,
      value: arr(get(obj(value, 'collection'), 'value'), 'collection.value').map((c, i) => readContact(c, `value[${i}]`)),
    };
  } catch (error) {
    if (error instanceof ShapeError) return { ok: false, problem: error.message };
    throw error;
  }
}

/** `{ responses: [{ id, status, headers?, body? }] }`; bodies are checked later by whoever reads them. */
export function decodeBatch(text: string): Decoded<readonly BatchItemResponse[]> {
  return decode(text, (value) =>
    arr(get(obj(value, 'batch'), 'responses'), 'batch.responses').map((r, i) => {
      const o = obj(r, `responses[${i}]`);
      const status = get(o, 'status');
      if (typeof status !== 'number' || !Number.isInteger(status) || status < 100 || status > 599)
        throw new ShapeError(`responses[${i}].status is not a status`);
      const headers: Record<string, string> = {};
      const rawHeaders = get(o, 'headers');
      if (rawHeaders !== undefined && rawHeaders !== null) {
        const h = obj(rawHeaders, `responses[${i}].headers`);
        for (const key of Object.keys(h)) headers[key.toLowerCase()] = str(h[key], `responses[${i}].headers.${key}`);
      }
      return { id: str(get(o, 'id'), `responses[${i}].id`), status, headers, body: get(o, 'body') ?? null };
    }),
  );
}

/** The error code and message of an error body, or null when the body is not one. */
export function readError(value: unknown): GraphError | null {
  if (typeof value !== 'object' || value === null) return null;
  const error = get(value as Obj, 'error');
  if (typeof error !== 'object' || error === null) return null;
  const code = get(error as Obj, 'code');
  const message = get(error as Obj, 'message');
  return { code: typeof code === 'string' ? code : '', message: typeof message === 'string' ? message : '' };
}

export function decodeError(text: string): GraphError | null {
  const parsed = parseJson(text);
  return parsed.ok ? readError(parsed.value) : null;
}
