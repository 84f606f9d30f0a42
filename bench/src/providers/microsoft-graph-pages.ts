import type { RemoteContact } from '@contactsync/core';
import type { BookResponse, Connection, Fetch } from './provider.js';

/** The delta pages of Microsoft Graph as the benchmarks' plain loops read them, with the adapter's requests, codec and mapping. */

/** Contacts per delta page: the adapter's default, and Graph's largest page for contacts. */
export const GRAPH_PAGE = 200;
/** What the adapter accepts in one page (its `maxPageItems`: replays may double a page). */
const MAX_PAGE_ITEMS = GRAPH_PAGE * 2;

type Internals = typeof import('./microsoft-graph-internals.js');
let internals: Internals | null = null;

async function load(): Promise<Internals> {
  internals ??= await import('./microsoft-graph-internals.js');
  return internals;
}

/** The internals, once a page has been fetched (every page is decoded after its fetch). */
function loaded(): Internals {
  if (internals === null) throw new Error('Microsoft Graph: a page is decoded before any was fetched');
  return internals;
}

/** Where each decoded page says the round goes on: a nextLink, or the deltaLink that ends it. */
const nextOf = new WeakMap<BookResponse, { readonly kind: 'nextLink' | 'deltaLink'; readonly url: string }>();

export function graphToken(connection: Connection): string {
  const { token } = connection.credentials;
  if (token === undefined) throw new Error('a Microsoft Graph connection needs a token');
  return token;
}

/** One page with the adapter's request headers (`Prefer: odata.maxpagesize`, bearer token). */
export async function fetchGraphPage(connection: Connection, fetch: Fetch, url: string): Promise<BookResponse> {
  await load();
  const response = await fetch(url, {
    method: 'GET',
    headers: { Authorization: `Bearer ${graphToken(connection)}`, Accept: 'application/json', Prefer: `odata.maxpagesize=${GRAPH_PAGE}` },
  });
  const body = await response.text();
  if (response.status !== 200) throw new Error(`Microsoft Graph delta page: HTTP ${response.status}`);
  return { body, headers: response.headers };
}

/** Decodes a page with the adapter's codec; the records of its contacts, and (through `nextOf`) where the round goes on. */
export function decodeGraphPage(page: BookResponse): { readonly map: () => RemoteContact[]; readonly removed: readonly string[] } {
  const { graphCodec, graphRecord } = loaded();
  const decoded = graphCodec.decodeDeltaPage(page.body, MAX_PAGE_ITEMS);
  if (!decoded.ok) throw new Error(`Microsoft Graph delta page: ${decoded.problem}`);
  nextOf.set(page, decoded.value.next);
  const removed = decoded.value.items.flatMap((item) => (item.kind === 'removed' ? [item.id] : []));
  const map = (): RemoteContact[] => {
    const records: RemoteContact[] = [];
    for (const item of decoded.value.items) {
      if (item.kind !== 'contact') continue;
      const record = graphRecord.recordOf(item.contact);
      if (record !== null) records.push(record);
    }
    return records;
  };
  return { map, removed };
}

/** The page after a decoded one, or null when it ended the round; the deltaLink it ended with goes to `onEnd`. */
export async function fetchNextGraphPage(
  page: BookResponse,
  connection: Connection,
  fetch: Fetch,
  onEnd: (deltaLink: string) => void = () => undefined,
): Promise<BookResponse | null> {
  const next = nextOf.get(page);
  if (next === undefined) throw new Error('Microsoft Graph: a page must be decoded before the next is fetched');
  if (next.kind === 'nextLink') return fetchGraphPage(connection, fetch, next.url);
  onEnd(next.url);
  return null;
}

/** The first page of a round, as the adapter asks for it (the collection's delta with its `$select`). */
export async function fetchFirstGraphPage(connection: Connection, fetch: Fetch): Promise<BookResponse> {
  const { graphWire } = await load();
  return fetchGraphPage(connection, fetch, `${connection.url}/me/contacts/delta?$select=${graphWire.MAPPED_PROPERTIES.join(',')}`);
}
