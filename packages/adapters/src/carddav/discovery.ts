import type { RequestFailure } from '@contactsync/core';
import type { DavHttp } from './http.js';
import { childNames, decodeMultistatus, findAll, hrefsIn, textOf } from './multistatus.js';
import { hrefPath } from './record.js';
import { failureOf, handlingOf, malformed } from './status-table.js';
import { propfindBody, XML_HEADERS } from './xml-body.js';

/**
 * Finding a user's address books from a server URL (RFC 6764 §6 well-known URI, RFC 5397
 * current-user-principal, RFC 6352 §7.1.1 addressbook-home-set, then the home's Depth 1 members
 * that are address books). The app lists them and picks one for `carddav({ bookUrl })`.
 */
export interface AddressBookInfo {
  /** Absolute URL of the collection. */
  readonly url: string;
  readonly displayName: string;
  readonly supportsSyncCollection: boolean;
  readonly supportsMultiget: boolean;
  /** vCard versions from supported-address-data (RFC 6352 §6.2.2); empty when not said. */
  readonly vcardVersions: readonly string[];
  readonly ctag: string | null;
  readonly syncToken: string | null;
}

/** A PROPFIND, following up to two redirects (the well-known URI answers 301/302; RFC 6764 §5). */
async function propfind(http: DavHttp, url: string, depth: '0' | '1', props: readonly string[], signal: AbortSignal | undefined) {
  const line = `PROPFIND ${new URL(url).pathname}`;
  let target = url;
  let response = await http({
    method: 'PROPFIND',
    url: target,
    headers: { ...XML_HEADERS, Depth: depth },
    body: propfindBody(props),
    signal,
  });
  for (let hops = 0; hops < 2 && response.kind === 'response' && response.status >= 301 && response.status <= 308; hops++) {
    const location = response.headers.get('Location');
    if (location === null) break;
    target = new URL(location, target).href; // The transport refuses another origin.
    response = await http({
      method: 'PROPFIND',
      url: target,
      headers: { ...XML_HEADERS, Depth: depth },
      body: propfindBody(props),
      signal,
    });
  }
  if (response.kind !== 'response') return response;
  if (handlingOf('multistatus', response.status) !== 'ok') return failureOf(response, line, false);
  const decoded = decodeMultistatus(response.body);
  return decoded.ok ? { kind: 'multistatus' as const, url: response.url, value: decoded.value } : malformed(line, decoded.problem);
}

/** First href of a property in a Depth 0 answer, resolved to an absolute same-origin URL. */
function firstHref(
  answer: { readonly url: string; readonly value: { readonly entries: readonly { readonly found: Readonly<Record<string, unknown>> }[] } },
  prop: string,
): string | null {
  for (const entry of answer.value.entries) {
    const href = hrefsIn(entry.found[prop])[0];
    const path = href === undefined ? null : hrefPath(href, answer.url);
    if (path !== null) return new URL(path, answer.url).href;
  }
  return null;
}

/** The principal: asked of the well-known URI, then of the URL given, then of the server root. */
async function principalOf(http: DavHttp, serverUrl: string, signal: AbortSignal | undefined): Promise<string | RequestFailure> {
  const candidates = [new URL('/.well-known/carddav', serverUrl).href, serverUrl, new URL('/', serverUrl).href];
  let last: RequestFailure = malformed(`PROPFIND ${serverUrl}`, 'no current-user-principal');
  for (const candidate of candidates) {
    const found = await propfind(http, candidate, '0', ['d:current-user-principal'], signal);
    if (found.kind === 'auth-required' || found.kind === 'offline' || found.kind === 'retry-at') return found;
    if (found.kind !== 'multistatus') {
      last = found;
      continue;
    }
    const principal = firstHref(found, 'current-user-principal');
    if (principal !== null) return principal;
  }
  return last;
}

export async function discoverAddressBooks(
  http: DavHttp,
  serverUrl: string,
  signal?: AbortSignal,
): Promise<readonly AddressBookInfo[] | RequestFailure> {
  const principal = await principalOf(http, serverUrl, signal);
  if (typeof principal !== 'string') return principal;
  const homeAnswer = await propfind(http, principal, '0', ['card:addressbook-home-set'], signal);
  if (homeAnswer.kind !== 'multistatus') return homeAnswer;
  const home = firstHref(homeAnswer, 'addressbook-home-set');
  if (home === null) return malformed(`PROPFIND ${principal}`, 'no addressbook-home-set');
  const books = await propfind(
    http,
    home,
    '1',
    ['d:resourcetype', 'd:displayname', 'd:supported-report-set', 'card:supported-address-data', 'cs:getctag', 'd:sync-token'],
    signal,
  );
  if (books.kind !== 'multistatus') return books;
  const out: AddressBookInfo[] = [];
  for (const entry of books.value.entries) {
    const path = hrefPath(entry.href, books.url);
    if (path === null || !childNames(entry.found['resourcetype']).includes('addressbook')) continue;
    // Xandikos lists <supported-report><addressbook-multiget/> without the RFC's <report> wrapper.
    const reports = findAll(entry.found['supported-report-set'], 'supported-report').flatMap((r) => [
      ...childNames(r),
      ...findAll(r, 'report').flatMap(childNames),
    ]);
    const versions = findAll(entry.found['supported-address-data'], 'address-data-type').flatMap((t) => {
      const v = typeof t === 'object' && t !== null ? (t as Record<string, unknown>)['@version'] : undefined;
      return typeof v === 'string' ? [v] : [];
    });
    out.push({
      url: new URL(path, books.url).href,
      displayName: textOf(entry.found['displayname'])?.trim() || decodeURIComponent(path.replace(/\/$/, '').split('/').pop() ?? path),
      supportsSyncCollection: reports.includes('sync-collection'),
      supportsMultiget: reports.includes('addressbook-multiget'),
      vcardVersions: versions,
      ctag: textOf(entry.found['getctag'])?.trim() || null,
      syncToken: textOf(entry.found['sync-token'])?.trim() || null,
    });
  }
  return out;
}

/**
 * The VERSION new cards should have in a book: 3.0 unless the book lists only 4.0 in its
 * supported-address-data (RFC 6352 §6.2.2; a book that lists nothing is read as 3.0, which every
 * CardDAV server must accept). Pass it as `carddav({ newCardVersion })`.
 */
export function preferredCardVersion(book: Pick<AddressBookInfo, 'vcardVersions'>): '3.0' | '4.0' {
  return book.vcardVersions.length > 0 && !book.vcardVersions.includes('3.0') && book.vcardVersions.includes('4.0') ? '4.0' : '3.0';
}
