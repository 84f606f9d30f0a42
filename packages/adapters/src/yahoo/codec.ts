import type { ResponseEvent, SyncRequest, SyncResponse, WireCategory, WireError } from './wire.js';

/** What a response body decoded to. Bodies that do not decode are data too, never exceptions. */
export type Decoded =
  | { readonly kind: 'sync'; readonly response: SyncResponse }
  | { readonly kind: 'error'; readonly error: WireError }
  | { readonly kind: 'malformed'; readonly reason: string };

/** One wire format of the Yahoo API (docs/yahoo.md §2.3 XML, §2.4 JSON), client side. */
export interface YahooCodec {
  readonly format: 'xml' | 'json';
  /** The `Content-Type` of request bodies. */
  readonly contentType: string;
  /** Whether a response `Content-Type` belongs to this format (a missing one is accepted). */
  accepts(contentType: string | null): boolean;
  encodeRequest(request: SyncRequest): string;
  decodeResponse(text: string): Decoded;
  /** Whether the format cannot carry this text at all (XML 1.0 forbids most control characters). */
  cannotCarry(text: string): boolean;
}

/** Thrown inside a decoder to abandon a body; the codec turns it into `malformed`. */
export class MalformedBody extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'MalformedBody';
  }
}

/** An id or code: a decimal integer, possibly signed (ids are parsed deliberately, never coerced). */
export function parseInteger(raw: unknown, what: string): number {
  if (typeof raw === 'number' && Number.isSafeInteger(raw)) return raw;
  if (typeof raw === 'string' && /^\s*[-+]?[0-9]{1,15}\s*$/.test(raw)) return Number(raw.trim());
  throw new MalformedBody(`${what} is not an integer: ${JSON.stringify(raw)}`);
}

/** `retry-after` in seconds: a non-negative number. */
export function parseSeconds(raw: unknown, what: string): number {
  const value = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\s*[0-9]+(\.[0-9]+)?\s*$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isFinite(value) || value < 0) throw new MalformedBody(`${what} is not a number of seconds: ${JSON.stringify(raw)}`);
  return value;
}

/**
 * What a `sync-response` read as it arrives yields, in order: its head once (the rev and the whole
 * category table, which every contact event needs), then its change events; or, for a body that is
 * a whole-request error, that error at the end.
 */
export type ResponseItem =
  | { readonly kind: 'head'; readonly rev: number; readonly categories: readonly WireCategory[] }
  | { readonly kind: 'event'; readonly event: ResponseEvent }
  | { readonly kind: 'error'; readonly error: WireError };

/** Reads one response body piece by piece. Both methods throw `MalformedBody` for a body that is not a response. */
export interface ResponseSplitter {
  push(text: string): ResponseItem[];
  /** The body ended. */
  end(): ResponseItem[];
}
