import type { RemoteContact } from '@contactsync/core';
import {
  addressBookMultiGet,
  fetchAddressBooks,
  fetchVCards,
  smartCollectionSyncDetailed,
  type DAVAccount,
  type DAVAddressBook,
  type DAVObject,
} from 'tsdav';
import { basicAuth, type BenchClient, type ClientFactory } from './bench-client.js';
import { hrefPath, recordFromCard } from './carddav-internals.js';
import { PlainStore } from './plain-store.js';

/**
 * (b) tsdav used the way its README shows: `fetchAddressBooks` (PROPFIND Depth 1 on the home, then
 * one supported-report-set PROPFIND per book) for the book and its sync-token, `fetchVCards`
 * (addressbook-query for the hrefs, then one multiget of all of them) for the first sync, and
 * `smartCollectionSyncDetailed` (sync-collection asking for address-data, then a multiget of the
 * changed hrefs) for a delta. tsdav hands back card text; the rows are made with the adapter's own
 * mapping, so both sides parse the same vCards the same way, and stored with a plain Dexie bulkPut.
 */
/** What a tsdav app keeps of a card to sync later: its url and etag (the text went to the store). */
const kept = (card: DAVObject): DAVObject => (card.etag === undefined ? { url: card.url } : { url: card.url, etag: card.etag });

export const tsdavClient: ClientFactory = (book, fetch, env): BenchClient => {
  const headers = { Authorization: basicAuth(book) };
  const origin = new URL(book.bookUrl).origin;
  const account: DAVAccount = { accountType: 'carddav', serverUrl: origin, rootUrl: `${origin}/`, homeUrl: book.homeUrl };
  const store = new PlainStore('tsdav-bench', env);
  let collection: DAVAddressBook | null = null;
  const recordOf = (card: { url: string; etag?: string; data?: unknown }): RemoteContact => {
    const path = hrefPath(card.url, book.bookUrl);
    if (path === null || typeof card.data !== 'string') throw new Error(`tsdav: no card at ${card.url}`);
    return recordFromCard(path, card.etag ?? '', card.data);
  };
  return {
    async initial() {
      const books = await fetchAddressBooks({ account, headers, fetch });
      const found = books.find((b) => b.url === book.bookUrl);
      if (found === undefined) throw new Error(`tsdav: ${book.bookUrl} not among ${books.map((b) => b.url).join(', ')}`);
      const cards = await fetchVCards({ addressBook: found, headers, fetch });
      await store.addAll(cards.map(recordOf));
      // The book with its sync-token, for the next delta.
      collection = { ...found, objects: cards.map(kept), objectMultiGet: addressBookMultiGet };
      return store.count();
    },
    async delta() {
      if (collection === null) throw new Error('tsdav: no initial sync yet');
      const next = await smartCollectionSyncDetailed({ collection, method: 'webdav', account, headers, fetch });
      const { created, updated, deleted } = next.objects;
      const upserts = [...created, ...updated].map(recordOf);
      await store.apply(
        upserts,
        deleted.map((d) => hrefPath(d.url, book.bookUrl)).filter((p): p is string => p !== null),
      );
      if (next.syncToken === undefined) throw new Error('tsdav: the delta came without a sync-token');
      const replaced = new Set([...created, ...updated, ...deleted].map((c) => c.url));
      const unchanged = (collection.objects ?? []).filter((o) => !replaced.has(o.url));
      collection = { ...collection, syncToken: next.syncToken, objects: [...unchanged, ...[...created, ...updated].map(kept)] };
      return upserts.length;
    },
    async close() {
      store.close();
    },
  };
};
