/**
 * Test support: raw HTTP calls to a running emulator, bodies in either format, and responses read
 * back with the client's decoders (so the emulator's output is checked by an independent reader).
 */
import { decodeJsonResponse } from '../codec-json.js';
import { decodeXmlResponse, xmlCodec } from '../codec-xml.js';
import { jsonCodec } from '../codec-json.js';
import type { Decoded } from '../codec.js';
import type { RequestEvent, SyncResponse, WireContact } from '../wire.js';
import type { YahooEmulator } from './server.js';

export type Format = 'xml' | 'json';
export const FORMATS = ['xml', 'json'] as const;

export interface RawCall {
  readonly method?: 'GET' | 'POST' | 'PUT';
  readonly path?: string;
  readonly query?: Readonly<Record<string, string>>;
  /** Events (encoded by the client codec of the format), or a raw body per format. */
  readonly body?: readonly RequestEvent[] | { readonly xml: string | Uint8Array; readonly json: string | Uint8Array };
  /** Replaces the credentials: `appid` / `WSSID` query and the cookie. */
  readonly credentials?: { readonly appid?: string | null; readonly wssid?: string | null; readonly cookie?: string | null };
}

export interface RawAnswer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  readonly decoded: Decoded | null;
}

export async function call(emu: YahooEmulator, format: Format, c: RawCall = {}): Promise<RawAnswer> {
  const url = new URL(c.path ?? '/v1/synchronize', emu.url);
  const appid = c.credentials?.appid === undefined ? emu.appid : c.credentials.appid;
  const wssid = c.credentials?.wssid === undefined ? emu.wssid : c.credentials.wssid;
  const cookie = c.credentials?.cookie === undefined ? emu.cookie : c.credentials.cookie;
  url.searchParams.set('format', format);
  if (appid !== null) url.searchParams.set('appid', appid);
  if (wssid !== null) url.searchParams.set('WSSID', wssid);
  for (const [k, v] of Object.entries(c.query ?? {})) url.searchParams.set(k, v);
  let body: string | Uint8Array<ArrayBuffer> | undefined;
  if (Array.isArray(c.body)) body = (format === 'json' ? jsonCodec : xmlCodec).encodeRequest({ events: c.body as RequestEvent[] });
  else if (c.body !== undefined) {
    const raw = (c.body as { xml: string | Uint8Array; json: string | Uint8Array })[format];
    body = typeof raw === 'string' ? raw : new Uint8Array(raw);
  }
  const response = await fetch(url, {
    method: c.method ?? (body === undefined ? 'GET' : 'POST'),
    headers: cookie === null ? {} : { cookie },
    ...(body === undefined ? {} : { body }),
  });
  const text = await response.text();
  const json = (response.headers.get('content-type') ?? (format === 'json' ? 'json' : 'xml')).includes('json');
  const decoded = text === '' ? null : json ? decodeJsonResponse(text) : decodeXmlResponse(text);
  return { status: response.status, headers: response.headers, text, decoded };
}

/** The sync response of a successful call (fails the test otherwise). */
export function syncOf(answer: RawAnswer): SyncResponse {
  if (answer.decoded?.kind !== 'sync') throw new Error(`expected a sync response, got ${answer.status} ${answer.text.slice(0, 300)}`);
  return answer.decoded.response;
}

/** The current wire state of one contact (with its fids), read through `GET synchronize myrev=0`. */
export async function wireContact(emu: YahooEmulator, cid: string | number): Promise<WireContact> {
  const response = syncOf(await call(emu, 'json'));
  for (const event of response.events)
    if (event.type !== 'remove-contact' && event.type !== 'address-book-reset' && event.contact.cid === Number(cid)) return event.contact;
  throw new Error(`no contact ${String(cid)}`);
}

export async function fidOf(emu: YahooEmulator, cid: string | number, type: string): Promise<number> {
  const field = (await wireContact(emu, cid)).fields.find((f) => f.type === type);
  if (field?.fid === undefined) throw new Error(`no ${type} on ${String(cid)}`);
  return field.fid;
}
