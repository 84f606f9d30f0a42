/**
 * The emulator's error codes and the user-facing messages the seed document gives for them
 * (seeds/yahoo-address-book-error-codes.txt, table 3.11). A code whose row has no user-facing text
 * is sent with an empty `user-message`, as the seed documents none for it.
 */
export const CODE = {
  INVALID_REQUEST: 80040,
  EMPTY_FIELD_SET: 80030,
  SYNTAX_ERROR: 80020,
  INVALID_UTF8: 70040,
  INVALID_COOKIE: -17005,
  TIMEOUT: -17010,
  SERVER_DOWN: -17011,
  INVALID_CONTACT_CRITERIA: -40006,
  INVALID_DISPLAY_CRITERIA: -40007,
  FIELD_TOO_MANY_LABELS: -40009,
  FIELD_TYPE_MISMATCH: -40012,
  INVALID_VALUE: -40014,
  INVALID_CUSTOM_TITLE: -40015,
  INVALID_CATEGORY_NAME: -40020,
  NO_FIELDS: -40021,
  INVALID_CID: -40022,
  YAHOOID_IN_OTHER_CONTACT: -40031,
  DUPLICATE_CATEGORY_NAME: -40032,
  DUPLICATE_YAHOOID: -40034,
  TOO_MANY_CONTACTS: -40038,
  TOO_MANY_FIELDS: -40039,
  TOO_MANY_LABELS: -40040,
  DUPLICATE_SUBSET: -40042,
  DUPLICATE_SUPERSET: -40043,
  DUPLICATE_EQUAL: -40044,
  DUPLICATE_SEVERAL: -40045,
  MISSING_REQUIRED_FIELD: -40046,
  INVALID_EMAIL: -40047,
  TOO_MANY_CATEGORIES_ON_CONTACT: -40048,
  TOO_MANY_CATEGORIES: -40049,
  INVALID_DATE: -40060,
  INVALID_GUID: -40061,
  DUPLICATE_GUID_IN_CONTACT: -40062,
  DUPLICATE_GUID_ACROSS_CONTACTS: -40063,
  INVALID_GUID_UPDATE: -40064,
  NO_CREDENTIALS: -40101,
  SIGNATURE_FAILED: -40102,
  COOKIE_FAILED: -40103,
  NO_PERMISSION: -40303,
  WRITES_DISABLED: -40304,
  UNKNOWN_CONTACT: -40402,
  UNKNOWN_CATEGORY: -40403,
  UNKNOWN_FIELD: -40404,
  CONTACT_REVISION: -40902,
  CATEGORY_REVISION: -40903,
  FIELD_REVISION: -40904,
  USER_LOCKED: -50302,
} as const;

export type EmulatorCode = (typeof CODE)[keyof typeof CODE];

const TEMPORARY_CONTACT = 'Contact changes could not be saved because of a temporary problem. Please try again later.';

/** User-facing text per code; `{0}` is replaced by the rule's argument (a field, name or value). */
const USER_MESSAGES: ReadonlyMap<number, string> = new Map<number, string>([
  [CODE.INVALID_VALUE, 'The field "{0}" is either too long or it contains invalid characters.'],
  [CODE.INVALID_CUSTOM_TITLE, 'Invalid name for a custom field: {0}'],
  [
    CODE.INVALID_CATEGORY_NAME,
    'The name of a category cannot be empty and it cannot contain any of the following characters: slashes, @, colons, semi-colons, brackets, less-than or greater-than signs, spaces, commas, single or double quotes.',
  ],
  [CODE.YAHOOID_IN_OTHER_CONTACT, 'You already have a contact associated with Messenger ID "{0}".'],
  [CODE.DUPLICATE_CATEGORY_NAME, 'You already have a category named "{0}".'],
  [CODE.TOO_MANY_CONTACTS, 'You have reached the maximum number of contacts.'],
  [CODE.TOO_MANY_FIELDS, 'You have reached the maximum number of fields.'],
  [CODE.TOO_MANY_LABELS, 'You have reached the maximum number of categories per field.'],
  [
    CODE.MISSING_REQUIRED_FIELD,
    'A contact requires at least one of the following fields: Name, Nick name, Company, Email, Messenger ID or Phone Number.',
  ],
  [
    CODE.INVALID_EMAIL,
    'There is a syntax error in that email address. Please enter a valid email address (in the format person@domain.com).',
  ],
  [CODE.TOO_MANY_CATEGORIES_ON_CONTACT, 'You have reached the maximum number of categories for a contact.'],
  [CODE.TOO_MANY_CATEGORIES, 'You have reached the maximum number of categories.'],
  [CODE.UNKNOWN_CONTACT, 'The contact does not exist.'],
  [CODE.UNKNOWN_CATEGORY, 'The category does not exist.'],
  [CODE.UNKNOWN_FIELD, TEMPORARY_CONTACT],
  [CODE.CONTACT_REVISION, TEMPORARY_CONTACT],
  [CODE.CATEGORY_REVISION, 'Category changes could not be saved because of a temporary problem. Please try again later.'],
  [CODE.FIELD_REVISION, TEMPORARY_CONTACT],
  [
    CODE.USER_LOCKED,
    'There was a temporary problem accessing your address book. Please try again in 10 minutes. If you continue to see this problem, please notify customer support. Thank you.',
  ],
]);

export function userMessageFor(code: number, argument = ''): string {
  return (USER_MESSAGES.get(code) ?? '').replace('{0}', argument);
}

/** A failure found while processing a request or one of its events. */
export interface Failure {
  readonly code: number;
  readonly userMessage: string;
  readonly debugMessage: string;
  readonly retryAfter?: number;
}

export function failure(code: number, debugMessage: string, argument = ''): Failure {
  return { code, userMessage: userMessageFor(code, argument), debugMessage };
}
