/**
 * Microsoft Graph contacts on the wire (docs/microsoft-graph.md). Only what this client reads or
 * writes is typed; a property this client does not know is carried as unknown and never written.
 */

/** `emailAddress` (Graph resource `emailAddress`): the display name is the contact's own, not a type. */
export interface GraphEmail {
  readonly name?: string | null;
  readonly address?: string | null;
}

/** `physicalAddress`. */
export interface GraphAddress {
  readonly street?: string | null;
  readonly city?: string | null;
  readonly state?: string | null;
  readonly postalCode?: string | null;
  readonly countryOrRegion?: string | null;
}

/**
 * A contact as Graph sends it. In a delta round an updated item may carry only the properties that
 * changed, so every property is optional here; `null` means "not set".
 */
export interface GraphContact {
  readonly id: string;
  readonly '@odata.etag'?: string;
  readonly changeKey?: string | null;
  readonly givenName?: string | null;
  readonly middleName?: string | null;
  readonly surname?: string | null;
  readonly title?: string | null;
  readonly generation?: string | null;
  readonly nickName?: string | null;
  readonly companyName?: string | null;
  readonly jobTitle?: string | null;
  readonly personalNotes?: string | null;
  readonly birthday?: string | null;
  readonly categories?: readonly string[] | null;
  readonly emailAddresses?: readonly GraphEmail[] | null;
  readonly businessPhones?: readonly string[] | null;
  readonly homePhones?: readonly string[] | null;
  readonly mobilePhone?: string | null;
  readonly homeAddress?: GraphAddress | null;
  readonly businessAddress?: GraphAddress | null;
  readonly otherAddress?: GraphAddress | null;
}

/** The properties the client maps: asked for with `$select`, and what makes an item complete. */
export const MAPPED_PROPERTIES = [
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
  'categories',
  'emailAddresses',
  'businessPhones',
  'homePhones',
  'mobilePhone',
  'homeAddress',
  'businessAddress',
  'otherAddress',
] as const;

export type MappedProperty = (typeof MAPPED_PROPERTIES)[number];

/** One item of a delta page: a contact, or a removal (`@removed`, whatever its reason). */
export type DeltaItem = { readonly kind: 'contact'; readonly contact: GraphContact } | { readonly kind: 'removed'; readonly id: string };

/** A delta page: exactly one of the two links is present. */
export interface DeltaPage {
  readonly items: readonly DeltaItem[];
  readonly next: { readonly kind: 'nextLink' | 'deltaLink'; readonly url: string };
}

/** The OData error body: `{ "error": { "code", "message" } }`. */
export interface GraphError {
  readonly code: string;
  readonly message: string;
}

/** One request inside a `$batch` (JSON batching): a relative URL, at most 20 per batch. */
export interface BatchItemRequest {
  readonly id: string;
  readonly method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: unknown;
}

/** One answer of a `$batch`; answers come in any order and are matched by `id`. */
export interface BatchItemResponse {
  readonly id: string;
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
}

export const MAX_BATCH = 20;

/**
 * The single-value extended property that carries the id of the operation that created a contact
 * (a String property in our own GUID namespace), so a create whose answer was lost is found again
 * with one `$filter` query.
 */
export const OP_ID_PROPERTY = 'String {5a7c6b0e-3c1d-4f7e-9a52-6f1c0e9b2d41} Name contactsyncOpId';

export const HEADERS = {
  authorization: 'Authorization',
  ifMatch: 'If-Match',
  prefer: 'Prefer',
  retryAfter: 'Retry-After',
  location: 'Location',
} as const;
