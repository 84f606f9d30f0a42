import { seededRandom } from '@contactsync/core/testing';
import { yahooAddressBook, type YahooAddressBookOptions } from '@contactsync/adapters';
import { generateContacts, startYahooEmulator, type YahooEmulator } from '@contactsync/adapters/emulators';
import { createSyncEngine, toDraft, type ContactService, type SyncReport } from '@contactsync/core';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dumpDatabase } from '../bad-input/replica-dump.js';
import { abortThenReread, replica, reshaped } from '../streamed-body-kit.js';
import { fakeClock, FORMATS, type Format } from './yahoo-kit.js';

/**
 * Issue 16: a `myrev=0` answer (the whole book) is read as it arrives and stored in pages. However
 * the network cuts the body (one chunk, or pieces of a few bytes that split multi-byte characters),
 * and in whatever order a JSON body lists its members, the replica is the same; a body cut short
 * ends in a typed failure with no cursor stored.
 */

const BOOK = 2_600; // A first page of 500, one of 2,000, a last of 100 and the one below.

/** A JSON answer with its members in the reverse order: the events before the rev and the category table. */
async function eventsFirst(response: Response): Promise<Response> {
  const body = JSON.parse(await response.text()) as Record<string, unknown>;
  const reversed = Object.fromEntries(Object.entries(body).reverse());
  return new Response(JSON.stringify(reversed), { status: response.status, headers: response.headers });
}

describe.each(FORMATS)('a whole Yahoo book read as it streams (%s)', (format: Format) => {
  let emulator: YahooEmulator;
  const clock = fakeClock();
  beforeEach(async () => {
    emulator = await startYahooEmulator({
      port: 0,
      clock: clock.now,
      limits: { maxContacts: BOOK + 10, maxCategoryMemberships: 10 * BOOK },
    });
    emulator.control.seed([
      ...generateContacts(BOOK),
      toDraft({ name: { given: 'Zoë', family: '東京 😀' }, notes: 'Åström – ✓ & <b>', categories: ['Família'] }),
    ]);
  });
  afterEach(async () => {
    await emulator.close();
  });

  const adapter = (fetchImpl?: YahooAddressBookOptions['fetch']): ContactService =>
    yahooAddressBook({
      baseUrl: emulator.url,
      appid: emulator.appid,
      wssid: emulator.wssid,
      cookie: emulator.cookie,
      format,
      ...(fetchImpl === undefined ? {} : { fetch: fetchImpl }),
    });

  async function firstSync(
    pieces: number | null,
    options: { readonly keep?: number; readonly reorder?: boolean } = {},
  ): Promise<{ report: SyncReport; pulls: number; dump: Record<string, unknown[]> }> {
    const service = adapter(async (url, init) => {
      const response = await fetch(url, init);
      return reshaped(options.reorder === true ? await eventsFirst(response) : response, pieces, options.keep);
    });
    let pulls = 0;
    const counted: ContactService = { ...service, pull: (request) => (pulls++, service.pull(request)) };
    const indexedDB = new IDBFactory();
    const engine = await createSyncEngine({
      databaseName: 'book',
      service: counted,
      indexedDB,
      IDBKeyRange,
      now: clock.now,
      random: seededRandom(),
    });
    try {
      const report = await engine.sync();
      return { report, pulls, dump: await dumpDatabase('book', indexedDB) };
    } finally {
      await engine.close();
    }
  }

  it('gives the same replica from one network chunk and from pieces of 97 bytes, stored in pages', async () => {
    const whole = await firstSync(null);
    const pieces = await firstSync(97);
    expect(whole.report).toMatchObject({ outcome: 'ok', pulled: { added: BOOK + 1 } });
    expect(pieces.report).toMatchObject({ outcome: 'ok', pulled: { added: BOOK + 1 } });
    expect(whole.pulls).toBe(3);
    expect(pieces.pulls).toBe(3);
    expect(replica(pieces.dump)).toEqual(replica(whole.dump));
    const zoe = (pieces.dump.contacts as { name: { family: string }; notes: string; categories: string[] }[]).find(
      (c) => c.name.family === '東京 😀',
    );
    expect(zoe).toMatchObject({ notes: 'Åström – ✓ & <b>', categories: ['Família'] });
    const cursor = (replica(whole.dump) as { cursor: unknown }).cursor;
    expect(typeof cursor === 'string' && (JSON.parse(cursor) as { rev: number }).rev).toBe(emulator.control.rev());
    // Every category a contact names was resolved from the table (none fell back to an id).
    const named = (whole.dump.contacts as { categories: string[] }[]).flatMap((c) => c.categories);
    expect(new Set(named)).toEqual(new Set(emulator.control.categories().map((c) => c.name)));
  });

  // JSON only: an object's members have no order, while XML's runs do (a category after the events is refused; response-splitter.test.ts).
  it.runIf(format === 'json')('reads the events when the rev and the category table come after them', async () => {
    const whole = await firstSync(null);
    const reordered = await firstSync(61, { reorder: true });
    expect(reordered.report).toMatchObject({ outcome: 'ok', pulled: { added: BOOK + 1 } });
    expect(replica(reordered.dump)).toEqual(replica(whole.dump));
  });

  it('ends a body cut short in a typed failure: pages stored so far stay, no cursor, nothing deleted', async () => {
    for (const pieces of [null, 97]) {
      const cut = await firstSync(pieces, { keep: 1_000_000 });
      expect(cut.report.outcome).not.toBe('ok');
      expect(cut.report.error).toMatchObject({ code: 'malformed-response' });
      expect(replica(cut.dump)).toMatchObject({ cursor: null, outbox: [], conflicts: [] });
      expect((cut.dump.contacts ?? []).length).toBeLessThan(BOOK);
    }
  });

  it('stops a book on abort; a continuation of it is refused, and a new pull reads the book from the start', async () => {
    const { pages, contacts } = await abortThenReread(adapter(), { aborted: 'aborted', lost: 'connection-lost' });
    expect({ pages, contacts }).toEqual({ pages: 3, contacts: BOOK + 1 });
  });
});
