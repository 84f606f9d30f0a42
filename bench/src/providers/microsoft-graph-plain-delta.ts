import { freshIndexedDb } from '../pipelines/fake-idb.js';
import { openPlainDb, plainRow, type PlainDb } from '../pipelines/plain-loop.js';
import { decodeGraphPage, fetchFirstGraphPage, fetchGraphPage, fetchNextGraphPage } from './microsoft-graph-pages.js';
import type { BookResponse, Connection, PlainDelta } from './provider.js';

/** Follows one delta round from its first page (null: a first round), handing each decoded page to `apply`; returns the round's deltaLink. */
async function round(
  connection: Connection,
  url: string | null,
  apply: (page: ReturnType<typeof decodeGraphPage>) => Promise<void>,
): Promise<string> {
  let deltaLink = '';
  let page: BookResponse | null =
    url === null ? await fetchFirstGraphPage(connection, fetch) : await fetchGraphPage(connection, fetch, url);
  while (page !== null) {
    await apply(decodeGraphPage(page));
    page = await fetchNextGraphPage(page, connection, fetch, (link) => {
      deltaLink = link;
    });
  }
  return deltaLink;
}

/** Applies one delta page: changed contacts replace their rows (each found by its server id), removed ones go. */
async function applyPage(db: PlainDb, page: ReturnType<typeof decodeGraphPage>): Promise<number> {
  const records = page.map();
  const now = Date.now();
  await db.transaction('rw', db.contacts, async () => {
    // Point lookups on the index: `anyOf` walks a cursor, which costs seconds on a 100,000-row fake-indexeddb.
    const existing = await Promise.all(records.map((r) => db.contacts.where('remoteId').equals(r.remoteId).first()));
    await db.contacts.bulkPut(records.map((r, i) => plainRow(r, now, existing[i]?.id)));
    for (const remoteId of page.removed) await db.contacts.where('remoteId').equals(remoteId).delete();
  });
  return records.length + page.removed.length;
}

/**
 * The plain loop's delta sync on Microsoft Graph: a replica of its own (fake-indexeddb, the
 * engine's row shape) built by an untimed first round, then each `pull()` follows the deltaLink
 * with the adapter's requests, codec and mapping and writes the changes. No outbox, merge or status.
 */
export async function graphPlainDelta(connection: Connection): Promise<PlainDelta> {
  const db = openPlainDb('plain-delta', freshIndexedDb());
  await db.open();
  let deltaLink = await round(connection, null, async (page) => {
    const rows = page.map().map((r) => plainRow(r, Date.now()));
    await db.transaction('rw', db.contacts, () => db.contacts.bulkPut(rows));
  });
  return {
    async pull() {
      const started = performance.now();
      let records = 0;
      deltaLink = await round(connection, deltaLink, async (page) => {
        records += await applyPage(db, page);
      });
      return { ms: performance.now() - started, records };
    },
    close: () => db.close(),
  };
}
