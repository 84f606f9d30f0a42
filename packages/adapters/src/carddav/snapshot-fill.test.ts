import { toDraft, type PullOutcome, type RemoteChange } from '@contactsync/core';
import { afterEach, describe, expect, it } from 'vitest';
import { carddav } from './client.js';
import { createDavHttp, type DavHttp } from './http.js';
import { startMockCardDav, type MockServer } from './mock-server-test-kit.js';
import { SnapshotFill } from './snapshot-fill.js';
import { newCard } from './vcard-patch.js';

/** The snapshot fill (snapshot-fill.ts) against the in-process server, which shows every request. */
let mock: MockServer;
afterEach(async () => {
  await mock.close();
});

const card = (name: string, given = name.toUpperCase()): string => newCard('3.0', name, toDraft({ name: { given } }));
const client = () => carddav({ bookUrl: mock.bookUrl, auth: { username: 'alice', password: 'pw' }, multigetBatch: 2, snapshotPageSize: 4 });
const ids = (changes: readonly RemoteChange[]): string[] =>
  changes.map((c) => (c.kind === 'upsert' ? `+${c.record.remoteId.slice(16)}` : `-${c.remoteId.slice(16)}`));
const page = (outcome: PullOutcome) => {
  if (outcome.kind !== 'page') throw new Error(`expected a page, got ${outcome.kind}`);
  return outcome;
};

describe('a snapshot read in pages', () => {
  it('reads hrefs in order, a page per batch group, and leaves changes made meanwhile to the delta after', async () => {
    mock = await startMockCardDav();
    // Stored out of order: the fill sorts the listing.
    for (const name of ['k', 'c', 'i', 'a', 'g', 'e', 'm', 'o']) mock.put(name, card(name));
    const service = client();
    const first = page(await service.pull({ cursor: null, consistency: 'delta' }));
    expect(ids(first.changes)).toEqual(['+a', '+c', '+e', '+g']);
    expect(first).toMatchObject({ mode: 'snapshot', more: true, resumable: true, cursor: 'fill:mock%3A8:/dav/alice/book/g' });
    // Meanwhile: an edit of a card already read, a new card before the position, one after it,
    // and a deletion of a card not read yet.
    mock.put('c', card('c', 'Changed'));
    mock.put('b', card('b'));
    mock.put('z', card('z'));
    mock.remove('k');
    mock.log.length = 0;
    const last = page(await service.pull({ cursor: first.cursor, consistency: 'delta' }));
    // The listing is reused (no sync-collection), k reads as 404 and is left for the delta.
    expect(mock.log).toEqual(['REPORT /dav/alice/book/', 'REPORT /dav/alice/book/']);
    expect(ids(last.changes)).toEqual(['+i', '+m', '+o']);
    expect(last).toMatchObject({ mode: 'snapshot', more: false, cursor: 'sync:mock:8' });
    expect(last.present?.map((p) => p.slice(16))).toEqual(['a', 'c', 'e', 'g', 'i', 'k', 'm', 'o']);
    const delta = page(await service.pull({ cursor: last.cursor, consistency: 'delta' }));
    expect(delta.mode).toBe('delta');
    expect(ids(delta.changes).sort()).toEqual(['+b', '+c', '+z', '-k']);
  });

  it('after a restart lists the book once more and continues after the stored href', async () => {
    mock = await startMockCardDav();
    for (const name of ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j']) mock.put(name, card(name));
    const first = page(await client().pull({ cursor: null, consistency: 'delta' }));
    mock.remove('b');
    mock.put('e', card('e', 'Edited'));
    mock.log.length = 0;
    // A new client: the listing is gone with the old one, as after a reload.
    const service = client();
    const second = page(await service.pull({ cursor: first.cursor, consistency: 'delta' }));
    expect(mock.log).toEqual(['REPORT /dav/alice/book/', 'REPORT /dav/alice/book/', 'REPORT /dav/alice/book/']);
    expect(ids(second.changes)).toEqual(['+e', '+f', '+g', '+h']);
    const third = page(await service.pull({ cursor: second.cursor, consistency: 'delta' }));
    expect(mock.log).toHaveLength(4);
    expect(ids(third.changes)).toEqual(['+i', '+j']);
    // The delta starts from the first listing's token: it reports b's removal and e's edit again.
    expect(third.cursor).toBe('sync:mock:10');
    expect(third.present).not.toContain('/dav/alice/book/b');
    const delta = page(await service.pull({ cursor: third.cursor, consistency: 'delta' }));
    expect(ids(delta.changes).sort()).toEqual(['+e', '-b']);
  });

  it('skips a group whose cards were all deleted meanwhile instead of sending an empty page', async () => {
    mock = await startMockCardDav();
    for (const name of ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i']) mock.put(name, card(name));
    const service = client();
    const first = page(await service.pull({ cursor: null, consistency: 'delta' }));
    for (const name of ['e', 'f', 'g', 'h']) mock.remove(name);
    const next = page(await service.pull({ cursor: first.cursor, consistency: 'delta' }));
    expect(ids(next.changes)).toEqual(['+i']);
    expect(next.more).toBe(false);
  });

  it('ends a page early when a slow server has used up its time, and continues from there', async () => {
    mock = await startMockCardDav();
    for (const name of ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']) mock.put(name, card(name));
    const base = createDavHttp({
      origin: mock.url,
      auth: { username: 'alice', password: 'pw' },
      fetch: (u, i) => fetch(u, i),
      timeoutMs: 10_000,
    });
    let clock = 0;
    // Every request takes 60 ms of the fill's clock: a third multiget would pass the 130 ms budget.
    const http: DavHttp = async (request) => {
      clock += 60;
      return base(request);
    };
    const fill = new SnapshotFill({ http, bookUrl: mock.bookUrl, multigetBatch: 2, pageSize: 8, pageTimeMs: 130, now: () => clock });
    const first = await fill.begin(undefined);
    if (first === 'unsupported') throw new Error('sync-collection expected');
    const firstPage = page(first);
    expect(ids(firstPage.changes)).toEqual(['+a', '+b', '+c', '+d']);
    expect(firstPage.cursor).toBe('fill:mock%3A8:/dav/alice/book/d');
    const rest = await fill.resume('mock:8', '/dav/alice/book/d', undefined);
    if (rest === 'unsupported') throw new Error('sync-collection expected');
    expect(ids(page(rest).changes)).toEqual(['+e', '+f', '+g', '+h']);
  });

  it('pages a resync after a refused token the same way', async () => {
    mock = await startMockCardDav();
    for (const name of ['a', 'b', 'c', 'd', 'e']) mock.put(name, card(name));
    mock.options.goneTokens = new Set(['old']);
    const resync = page(await client().pull({ cursor: 'sync:old', consistency: 'delta' }));
    expect(resync).toMatchObject({ mode: 'snapshot', more: true, resumable: true, cursor: 'fill:mock%3A5:/dav/alice/book/d' });
  });
});
