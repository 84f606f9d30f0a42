/**
 * What the emulated service accepts in a contact body (POST or PATCH): known properties with the
 * types of the Graph `contact` resource. Anything else is a 400 with an OData error, as Graph
 * refuses a body it cannot read.
 */

const TEXT = new Set([
  'assistantName',
  'birthday',
  'businessHomePage',
  'companyName',
  'department',
  'displayName',
  'fileAs',
  'generation',
  'givenName',
  'initials',
  'jobTitle',
  'manager',
  'middleName',
  'mobilePhone',
  'nickName',
  'officeLocation',
  'parentFolderId',
  'personalNotes',
  'profession',
  'spouseName',
  'surname',
  'title',
  'yomiCompanyName',
  'yomiGivenName',
  'yomiSurname',
]);
const TEXT_LISTS = new Set(['businessPhones', 'homePhones', 'categories', 'children', 'imAddresses']);
const ADDRESSES = new Set(['homeAddress', 'businessAddress', 'otherAddress']);
const ADDRESS_PARTS = new Set(['street', 'city', 'state', 'postalCode', 'countryOrRegion']);

export type BodyCheck =
  | { readonly ok: true; readonly props: Record<string, unknown>; readonly extended: Map<string, string> }
  | { readonly ok: false; readonly code: string; readonly message: string };

const bad = (code: string, message: string): BodyCheck => ({ ok: false, code, message });
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNullableText = (v: unknown): boolean => v === null || typeof v === 'string';

export function checkContactBody(body: unknown, maxEmails: number, allowExtended: boolean): BodyCheck {
  if (!isObj(body)) return bad('RequestBodyRead', 'The body is not a JSON object.');
  const props: Record<string, unknown> = {};
  const extended = new Map<string, string>();
  for (const [key, value] of Object.entries(body)) {
    if (TEXT.has(key)) {
      if (!isNullableText(value)) return bad('RequestBodyRead', `${key} must be a string.`);
      if (key === 'birthday' && typeof value === 'string' && Number.isNaN(Date.parse(value)))
        return bad('RequestBodyRead', 'birthday is not a DateTimeOffset.');
    } else if (TEXT_LISTS.has(key)) {
      if (value !== null && (!Array.isArray(value) || !value.every((v) => typeof v === 'string')))
        return bad('RequestBodyRead', `${key} must be a list of strings.`);
    } else if (ADDRESSES.has(key)) {
      if (value !== null && (!isObj(value) || !Object.entries(value).every(([k, v]) => ADDRESS_PARTS.has(k) && isNullableText(v))))
        return bad('RequestBodyRead', `${key} is not a physicalAddress.`);
    } else if (key === 'emailAddresses') {
      if (value !== null && !Array.isArray(value)) return bad('RequestBodyRead', 'emailAddresses must be a list.');
      const emails = (value ?? []) as unknown[];
      if (emails.length > maxEmails) return bad('ErrorInvalidProperty', `A contact can have at most ${maxEmails} email addresses.`);
      for (const e of emails) {
        if (!isObj(e) || !isNullableText(e['address']) || !isNullableText(e['name'] ?? null))
          return bad('RequestBodyRead', 'emailAddresses holds something that is not an emailAddress.');
        if (typeof e['address'] === 'string' && !/^[^@\s]+@[^@\s]+$/.test(e['address']))
          return bad('ErrorInvalidEmailAddress', `"${e['address']}" is not an email address.`);
      }
    } else if (key === 'singleValueExtendedProperties' && allowExtended) {
      if (!Array.isArray(value)) return bad('RequestBodyRead', 'singleValueExtendedProperties must be a list.');
      for (const p of value) {
        if (!isObj(p) || typeof p['id'] !== 'string' || typeof p['value'] !== 'string')
          return bad('RequestBodyRead', 'An extended property needs a string id and value.');
        extended.set(p['id'], p['value']);
      }
      continue;
    } else {
      return bad('RequestBodyRead', `The property '${key}' does not exist on type 'microsoft.graph.contact'.`);
    }
    props[key] = value;
  }
  return { ok: true, props, extended };
}
