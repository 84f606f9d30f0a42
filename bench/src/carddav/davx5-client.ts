import type { RemoteContact } from '@contactsync/core';
import { basicAuth, type BenchClient, type BookConnection, type ClientFactory } from './bench-client.js';
import {
  decodeMultistatus,
  hrefPath,
  multigetBody,
  recordFromCard,
  syncCollectionBody,
  textOf,
  XML_HEADERS,
  type Multistatus,
} from './carddav-internals.js';
import { PlainStore } from './plain-store.js';

/** DAVx5 asks for 10 cards per addressbook-multiget (issue 13; davx5-ose's `MAX_MULTIGET_RESOURCES`). */
export const DAVX5_BATCH = 10;

/**
 * (c) A DAVx5-style client: sync-collection (sync-level 1, getetag) from its last token, then the
 * changed hrefs by addressbook-multiget, 10 per request. Bodies, XML decoding and the card mapping
 * are the adapter's own, so what differs from the engine is the request pattern and the store
 * (plain Dexie bulkPut). No error handling beyond "not 207": it is a yardstick, not a client.
 */
export const davx5Client: ClientFactory = (book, fetch, env): BenchClient => {
  const store = new PlainStore('davx5-bench', env);
  let token = '';
  const report = async (body: string, depth: string): Promise<string> => {
    const response = await fetch(book.bookUrl, {
      method: 'REPORT',
      headers: { ...XML_HEADERS, Depth: depth, Authorization: basicAuth(book) },
      body,
    });
    const text = await response.text();
    if (response.status !== 207) throw new Error(`davx5: REPORT answered ${response.status}`);
    return text;
  };
  const round = async (): Promise<{ upserts: RemoteContact[]; deleted: string[] }> => {
    const listing = decoded(await report(syncCollectionBody(token), '0'));
    const bookPath = new URL(book.bookUrl).pathname;
    const changed: string[] = [];
    const deleted: string[] = [];
    for (const entry of listing.entries) {
      const path = hrefPath(entry.href, book.bookUrl);
      if (path === null || path === bookPath) continue;
      (entry.status === 404 ? deleted : changed).push(path);
    }
    const upserts: RemoteContact[] = [];
    for (let i = 0; i < changed.length; i += DAVX5_BATCH) {
      upserts.push(...cardsIn(await report(multigetBody(changed.slice(i, i + DAVX5_BATCH)), '1'), book));
    }
    if (listing.syncToken === null) throw new Error('davx5: no sync-token');
    token = listing.syncToken;
    return { upserts, deleted };
  };
  return {
    async initial() {
      const { upserts } = await round();
      await store.addAll(upserts);
      return store.count();
    },
    async delta() {
      const { upserts, deleted } = await round();
      await store.apply(upserts, deleted);
      return upserts.length;
    },
    async close() {
      store.close();
    },
  };
};

function decoded(body: string): Multistatus {
  const result = decodeMultistatus(body);
  if (!result.ok) throw new Error(`davx5: ${result.problem}`);
  return result.value;
}

function cardsIn(body: string, book: BookConnection): RemoteContact[] {
  const records: RemoteContact[] = [];
  for (const entry of decoded(body).entries) {
    const path = hrefPath(entry.href, book.bookUrl);
    const etag = textOf(entry.found['getetag']);
    const data = textOf(entry.found['address-data']);
    if (path !== null && etag !== null && data !== null) records.push(recordFromCard(path, etag.trim(), data));
  }
  return records;
}
