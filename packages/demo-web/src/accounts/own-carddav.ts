import { createDavHttp, discoverAddressBooks, type AddressBookInfo } from '@contactsync/adapters';
import { OWN_CARDDAV_PATH, type CardDavAccount } from '../../shared/demo-accounts';
import type { FetchLike } from '../worker/demo-fetch';

/**
 * "Connect your own CardDAV server" on the page's side. The adapter is given the server's real URLs
 * (so hrefs, redirects and its same-origin check work as they would without a relay); only the
 * transport changes: `relayFetch` sends `{origin}{path}` to `{relay path}{path}` on the demo's
 * origin (no CORS, and the page's CSP allows only its own origin). Credentials go only into the
 * Authorization header of each request, and into this account object, which lives in memory.
 */
export interface OwnRelay {
  readonly relayPath: string;
  /** The server's origin, e.g. `http://127.0.0.1:5232`. */
  readonly origin: string;
}

export function relayFetch(relay: OwnRelay, pageOrigin: string, base: FetchLike): FetchLike {
  return (input, init) => {
    const url = new URL(input);
    // The adapter never sends a request elsewhere (createDavHttp checks); this is the last guard.
    if (url.origin !== relay.origin) return Promise.reject(new TypeError(`${url.origin} is not the connected server`));
    return base(`${pageOrigin}${relay.relayPath}${url.pathname}${url.search}`, init);
  };
}

export type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

/** Asks the demo server for a relay to `url` (it refuses anything not on this machine). */
export async function openRelay(url: string): Promise<Outcome<OwnRelay>> {
  try {
    const response = await fetch(OWN_CARDDAV_PATH, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ url }),
    });
    const body = (await response.json()) as { ok?: unknown; message?: unknown; relayPath?: unknown; origin?: unknown };
    if (response.ok && typeof body.relayPath === 'string' && typeof body.origin === 'string') {
      return { ok: true, value: { relayPath: body.relayPath, origin: body.origin } };
    }
    return { ok: false, message: typeof body.message === 'string' ? body.message : 'The demo server refused the address.' };
  } catch {
    return { ok: false, message: 'The demo server cannot be reached.' };
  }
}

export interface Credentials {
  readonly url: string;
  readonly username: string;
  readonly password: string;
}

/** The address books the user has on the server (RFC 6764 discovery, through the relay). */
export async function findAddressBooks(relay: OwnRelay, credentials: Credentials): Promise<Outcome<readonly AddressBookInfo[]>> {
  const http = createDavHttp({
    origin: relay.origin,
    auth: { username: credentials.username, password: credentials.password },
    fetch: relayFetch(relay, location.origin, (input, init) => fetch(input, init)),
    timeoutMs: 30_000,
  });
  const found = await discoverAddressBooks(http, credentials.url);
  if ('kind' in found) {
    const message = found.kind === 'offline' ? 'The server cannot be reached.' : found.userMessage;
    return { ok: false, message: found.kind === 'auth-required' ? 'The server refused this user name and password.' : message };
  }
  if (found.length === 0) return { ok: false, message: 'The server has no address book for this user.' };
  return { ok: true, value: found };
}

/**
 * The account for one book. Its replica is named after the user, server and book (never the relay,
 * which changes each time), so connecting again later opens the same replica; it is outside the
 * `contactsync-demo/` names the demo cleans up after a restart.
 */
export function ownAccount(relay: OwnRelay, credentials: Credentials, book: AddressBookInfo): CardDavAccount {
  const url = new URL(book.url);
  return {
    id: `own-carddav:${credentials.username}@${url.host}${url.pathname}`,
    label: `${book.displayName} (${credentials.username} on ${url.host})`,
    service: 'carddav',
    databaseName: `contactsync-own/carddav/${credentials.username}@${url.host}${url.pathname}`,
    baseUrl: book.url,
    username: credentials.username,
    password: credentials.password,
    relayPath: relay.relayPath,
  };
}
