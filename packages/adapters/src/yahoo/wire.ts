/**
 * The Yahoo Address Book wire model (docs/yahoo.md §2), independent of XML and JSON. This module is
 * the only thing the client and the emulator share: each side has its own serialisation, so a bug
 * in one codec cannot hide behind the same bug in the other.
 *
 * Text in this model is always the plain value: the HTML escaping of §2.3 is undone by the codecs.
 */

/** Field element names (§2.3). `guid` is the read-only Yahoo identity field of the seed's -4006x codes. */
export const FIELD_TYPES = [
  'name',
  'nickname',
  'email',
  'yahooid',
  'phone',
  'jobtitle',
  'company',
  'notes',
  'link',
  'address',
  'birthday',
  'anniversary',
  'custom',
  'guid',
] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

/** The parts of each structured field; every other field type carries its value as `data`. */
export const FIELD_PARTS = {
  name: ['first', 'middle', 'last', 'prefix', 'suffix'],
  address: ['street', 'city', 'state', 'zip', 'country'],
  birthday: ['day', 'month', 'year'],
  anniversary: ['day', 'month', 'year'],
} as const;
export type StructuredFieldType = keyof typeof FIELD_PARTS;
export type FieldPart = (typeof FIELD_PARTS)[StructuredFieldType][number];

/** Parts that are numbers (JSON carries them as numbers; both sides accept digit strings). */
export const NUMERIC_PARTS: ReadonlySet<FieldPart> = new Set<FieldPart>(['day', 'month', 'year']);

export const FLAGS = ['home', 'work', 'personal', 'mobile', 'fax', 'pager'] as const;
export type Flag = (typeof FLAGS)[number];

export function isStructuredField(type: FieldType): type is StructuredFieldType {
  return Object.hasOwn(FIELD_PARTS, type);
}

const FIELD_TYPE_SET: ReadonlySet<string> = new Set(FIELD_TYPES);
const FLAG_SET: ReadonlySet<string> = new Set(FLAGS);

export function isFieldType(value: string): value is FieldType {
  return FIELD_TYPE_SET.has(value);
}

export function isFlag(value: string): value is Flag {
  return FLAG_SET.has(value);
}

/** One field of a contact. `data` for simple fields, `parts` for structured ones. */
export interface WireField {
  readonly type: FieldType;
  /** Present in responses and as the target of `update-{field}`. */
  readonly fid?: number;
  /** The flags that are set, in `FLAGS` order. */
  readonly flags: readonly Flag[];
  /** `custom` fields only. */
  readonly title?: string;
  readonly data?: string;
  readonly parts?: Readonly<Partial<Record<FieldPart, string>>>;
}

export type CategoryRef = { readonly catid: number } | { readonly name: string };

/** One change inside a request's `add-contact` / `update-contact`. */
export type FieldChange =
  | { readonly op: 'add'; readonly field: WireField }
  | { readonly op: 'update'; readonly fid: number; readonly field: WireField }
  | { readonly op: 'remove'; readonly fid: number };

export type CategoryChange = { readonly op: 'add'; readonly ref: CategoryRef } | { readonly op: 'remove'; readonly ref: CategoryRef };

export type RequestEvent =
  | { readonly type: 'add-contact'; readonly fields: readonly FieldChange[]; readonly categories: readonly CategoryChange[] }
  | {
      readonly type: 'update-contact';
      readonly cid: number;
      readonly fields: readonly FieldChange[];
      readonly categories: readonly CategoryChange[];
    }
  | { readonly type: 'remove-contact'; readonly cid: number }
  | { readonly type: 'add-category'; readonly name: string }
  | { readonly type: 'rename-category'; readonly old: CategoryRef; readonly name: string }
  | { readonly type: 'remove-category'; readonly ref: CategoryRef };

export interface SyncRequest {
  readonly events: readonly RequestEvent[];
}

export interface WireCategory {
  readonly catid: number;
  readonly name: string;
}

/** The structured error of §2.5, whole-request or nested. Messages are not HTML-escaped. */
export interface WireError {
  readonly code: number;
  readonly userMessage: string;
  readonly debugMessage: string;
  /** Seconds. */
  readonly retryAfter?: number;
}

export type WireResult =
  | {
      readonly type: 'success';
      readonly addAction?: 'add' | 'merge';
      readonly cid?: number;
      readonly catid?: number;
    }
  | ({ readonly type: 'error' } & WireError);

/** A contact as a response event carries it: its whole current state. */
export interface WireContact {
  readonly cid: number;
  readonly lmt?: number;
  readonly fields: readonly WireField[];
  /** Category ids; `name` when the event spelled it out (the table is the usual source). */
  readonly categories: readonly { readonly catid: number; readonly name?: string }[];
}

export type ResponseEvent =
  | { readonly type: 'address-book-reset' }
  | { readonly type: 'add-contact'; readonly contact: WireContact }
  | { readonly type: 'update-contact'; readonly contact: WireContact }
  | { readonly type: 'remove-contact'; readonly cid: number };

export interface SyncResponse {
  readonly rev: number;
  readonly lmt?: number;
  /** The whole category table of the book. */
  readonly categories: readonly WireCategory[];
  /** One per request event, in request order. */
  readonly results: readonly WireResult[];
  /** Changes since `myrev`, oldest first. */
  readonly events: readonly ResponseEvent[];
}
