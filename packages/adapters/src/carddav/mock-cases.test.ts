import { toDraft, type PullOutcome, type RemoteChange } from '@contactsync/core';
import { afterEach, describe, expect, it } from 'vitest';
import { carddav } from './client.js';
import { startMockCardDav, type MockOptions, type MockServer } from './mock-server-test-kit.js';
import { newCard } from './vcard-patch.js';

/** What no real server here does (docs/carddav.md "Testing"), against the in-process mock. */
let mock: MockServer;
afterEach(async () => {
  await mock.close();
});

/** A request timeout well above a loaded machine's answer times; the timeout case sets its own. */
async function setup(options: MockOptions = {}, cards = 0, timeoutMs = 10_000) {
  mock = await startMockCardDav(options);
  for (let i = 0; i < cards; i++) mock.put(`c${i}`, newCard('3.0', `c${i}`, toDraft({ name: { given: `C${i}` } })));
  return carddav({ bookUrl: mock.bookUrl, auth: { username: 'alice', password: 'pw' }, timeoutMs });
}

const upserted = (changes: readonly RemoteChange[]): string[] => changes.flatMap((c) => (c.kind === 'upsert' ? [c.record.remoteId] : []));

describe('sync-collection paging (RFC 6578 §3.6: 507 on the collection)', () => {
  it('follows a truncated listing to its end, then reads the snapshot in pages', async () => {
    mock = await startMockCardDav({ pageSize: 2 });
    for (let i = 0; i < 5; i++) mock.put(`c${i}`, newCard('3.0', `c${i}`, toDraft({ name: { given: `C${i}` } })));
    const service = carddav({ bookUrl: mock.bookUrl, auth: { username: 'alice', password: 'pw' }, multigetBatch: 1, snapshotPageSize: 2 });
    const pages: PullOutcome[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 5; i++) {
      const page: PullOutcome = await service.pull({ cursor, consistency: 'delta' });
      pages.push(page);
      if (page.kind !== 'page') break;
      cursor = page.cursor;
      if (!page.more) break;
    }
    expect(pages.map((p) => (p.kind === 'page' ? [p.mode, p.more, p.cursor] : p.kind))).toEqual([
      ['snapshot', true, 'fill:mock%3A5:/dav/alice/book/c1'],
      ['snapshot', true, 'fill:mock%3A5:/dav/alice/book/c3'],
      ['snapshot', false, 'sync:mock:5'],
    ]);
    expect(pages.flatMap((p) => (p.kind === 'page' ? upserted(p.changes) : [])).sort()).toEqual(
      ['c0', 'c1', 'c2', 'c3', 'c4'].map((c) => `/dav/alice/book/${c}`),
    );
    // Three sync-collection pieces (507, 507, 207), then one multiget per card.
    expect(mock.log.filter((l) => l.startsWith('REPORT'))).toHaveLength(3 + 5);
  });

  it('reads a truncated delta with its deletions, in hrefs without .vcf', async () => {
    const service = await setup({}, 3);
    const first = await service.pull({ cursor: null, consistency: 'delta' });
    mock.options.pageSize = 1;
    mock.remove('c0');
    mock.put('c9', newCard('4.0', 'c9', toDraft({ name: { given: 'Nine' } })));
    const a = await service.pull({ cursor: first.kind === 'page' ? first.cursor : null, consistency: 'delta' });
    const b = await service.pull({ cursor: a.kind === 'page' ? a.cursor : null, consistency: 'delta' });
    expect([a, b].map((p) => (p.kind === 'page' ? [p.mode, p.more, p.changes.map((c) => c.kind)] : p.kind))).toEqual([
      ['delta', true, ['delete']],
      ['delta', false, ['upsert']],
    ]);
  });
});

describe('a book without sync-collection', () => {
  it('lists the book when its getctag changed, and answers not-modified while it did not', async () => {
    const service = await setup({ noSyncCollection: true }, 2);
    const first = await service.pull({ cursor: null, consistency: 'delta' });
    expect(first).toMatchObject({ kind: 'page', mode: 'snapshot', more: false, cursor: 'ctag:"ctag-2"' });
    expect(first.kind === 'page' ? upserted(first.changes).length : 0).toBe(2);
    mock.log.length = 0;
    expect(await service.pull({ cursor: 'ctag:"ctag-2"', consistency: 'delta' })).toEqual({ kind: 'not-modified' });
    expect(mock.log).toEqual(['PROPFIND /dav/alice/book/']);
    mock.remove('c0');
    const after = await service.pull({ cursor: 'ctag:"ctag-2"', consistency: 'delta' });
    expect(after).toMatchObject({ kind: 'page', mode: 'snapshot', cursor: 'ctag:"ctag-3"', present: ['/dav/alice/book/c1'] });
    // c1 is unchanged since the snapshot the engine applied (its cursor): listed, not read again.
    expect(after.kind === 'page' ? upserted(after.changes) : []).toEqual([]);
    mock.put('c1', newCard('3.0', 'c1', toDraft({ name: { given: 'Changed' } })));
    mock.put('c5', newCard('3.0', 'c5', toDraft({ name: { given: 'New' } })));
    mock.log.length = 0;
    const third = await service.pull({ cursor: 'ctag:"ctag-3"', consistency: 'delta' });
    expect(third.kind === 'page' ? upserted(third.changes).sort() : []).toEqual(['/dav/alice/book/c1', '/dav/alice/book/c5']);
    expect(mock.log).toEqual(['PROPFIND /dav/alice/book/', 'PROPFIND /dav/alice/book/', 'REPORT /dav/alice/book/']);
    // A cursor this client did not return (another run, a page the engine did not apply): all read.
    const unknown = await service.pull({ cursor: 'ctag:"ctag-2"', consistency: 'delta' });
    expect(unknown.kind === 'page' ? upserted(unknown.changes).length : 0).toBe(2);
  });
});

describe('a sync token the server no longer knows (410)', () => {
  it('lists the whole book as a snapshot', async () => {
    const service = await setup({}, 2);
    const first = await service.pull({ cursor: null, consistency: 'delta' });
    const cursor = first.kind === 'page' ? first.cursor : '';
    mock.options.goneTokens = new Set([cursor.replace('sync:', '')]);
    const again = await service.pull({ cursor, consistency: 'delta' });
    expect(again).toMatchObject({ kind: 'page', mode: 'snapshot', more: false });
    expect(again.kind === 'page' ? upserted(again.changes).length : 0).toBe(2);
  });
});

describe('creates', () => {
  const op = { kind: 'create', opId: 'new-1', contact: toDraft({ name: { given: 'Nu' } }) } as const;

  it('follows a same-origin Location to a server-chosen href', async () => {
    const service = await setup({ assignHref: true });
    const outcome = await service.push({ operations: [op], cursor: null });
    expect(outcome).toMatchObject({ kind: 'results', results: [{ kind: 'ok', record: { remoteId: '/dav/alice/book/server-1' } }] });
  });

  it('never follows a Location on another origin', async () => {
    const service = await setup({ location: 'http://evil.example/steal' });
    const outcome = await service.push({ operations: [op], cursor: null });
    expect(outcome).toMatchObject({
      kind: 'results',
      results: [{ kind: 'failed', code: 'carddav.malformed-response', maybeCommitted: true }],
    });
    expect(mock.log).toEqual(['PUT /dav/alice/book/new-1.vcf']);
  });

  it('reads the card once when the PUT answer has no ETag', async () => {
    const service = await setup({ omitPutEtag: true });
    const outcome = await service.push({ operations: [op], cursor: null });
    expect(mock.log).toEqual(['PUT /dav/alice/book/new-1.vcf', 'GET /dav/alice/book/new-1.vcf']);
    expect(outcome).toMatchObject({
      kind: 'results',
      results: [{ kind: 'ok', record: { version: expect.stringMatching(/^"[0-9a-f]{40}"$/) } }],
    });
  });
});

describe('write answers', () => {
  const op = { kind: 'create', opId: 'w-1', contact: toDraft({ name: { given: 'W' } }) } as const;
  it.each([
    [
      'a 207 to a PUT (Xandikos refusing a body)',
      { status: 207, body: '<multistatus xmlns="DAV:"/>' },
      { kind: 'rejected', code: 'carddav.put-multistatus' },
    ],
    ['403 on a write', { status: 403 }, { kind: 'forbidden', code: 'carddav.forbidden' }],
    ['409 (Radicale: the UID is at another href)', { status: 409 }, { kind: 'rejected', code: 'carddav.rejected' }],
    ['500 after the PUT was sent', { status: 500 }, { kind: 'failed', maybeCommitted: true }],
  ])('%s', async (_, step, expected) => {
    const service = await setup({ script: [{ method: 'PUT', ...step }] });
    expect(await service.push({ operations: [op], cursor: null })).toMatchObject({ kind: 'results', results: [expected] });
  });

  it('sends the Authorization header a hook supplies, and only to the book origin', async () => {
    mock = await startMockCardDav({ location: 'http://elsewhere.example/x' });
    const sent: string[] = [];
    const service = carddav({
      bookUrl: mock.bookUrl,
      auth: { authorization: async () => 'Bearer token-1' },
      fetch: (url, init) => {
        sent.push(`${new URL(url).origin} ${String((init.headers as Record<string, string>)['Authorization'])}`);
        return fetch(url, init);
      },
    });
    await service.push({ operations: [op], cursor: null });
    expect(sent).toEqual([`${mock.url} Bearer token-1`]);
  });
});

describe('failures of the whole request', () => {
  it.each([
    ['503 + Retry-After seconds', { status: 503, headers: { 'Retry-After': '120' } }, { kind: 'retry-at', retryAfterMs: 120_000 }],
    [
      '429 + Retry-After date, measured against Date',
      { status: 429, headers: { 'Retry-After': 'Thu, 01 Jan 2026 00:01:30 GMT', Date: 'Thu, 01 Jan 2026 00:00:00 GMT' } },
      { kind: 'retry-at', retryAfterMs: 90_000 },
    ],
    ['503 without Retry-After', { status: 503 }, { kind: 'failed', code: 'carddav.server-error' }],
    ['502', { status: 502 }, { kind: 'failed', code: 'carddav.server-error' }],
    ['401', { status: 401 }, { kind: 'auth-required', code: 'carddav.unauthorized' }],
    ['403', { status: 403 }, { kind: 'forbidden' }],
    [
      'a DOCTYPE with entities',
      {
        status: 207,
        body: '<?xml version="1.0"?><!DOCTYPE m [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><d:multistatus xmlns:d="DAV:">&b;</d:multistatus>',
      },
      { kind: 'failed', code: 'carddav.malformed-response' },
    ],
    [
      'nesting 100,000 deep',
      { status: 207, body: `<d:multistatus xmlns:d="DAV:">${'<d:x>'.repeat(100_000)}${'</d:x>'.repeat(100_000)}</d:multistatus>` },
      { kind: 'failed', code: 'carddav.malformed-response' },
    ],
    [
      'a truncated body',
      {
        status: 207,
        body: '<d:multistatus xmlns:d="DAV:"><d:response><d:href>/dav/alice/book/c0</d:href><d:propstat><d:prop><d:getetag>"1"</d:get',
      },
      { kind: 'failed', code: 'carddav.malformed-response' },
    ],
    [
      'a multistatus without a sync-token',
      { status: 207, body: '<d:multistatus xmlns:d="DAV:"></d:multistatus>' },
      { kind: 'failed', code: 'carddav.malformed-response' },
    ],
  ])('%s on a pull is one typed failure', async (_, step, expected) => {
    const service = await setup({ script: [{ method: 'REPORT', ...step }] }, 1);
    expect(await service.pull({ cursor: null, consistency: 'delta' })).toMatchObject(expected);
  });

  it('times out a server that does not answer, and honours the AbortSignal', async () => {
    const service = await setup(
      {
        script: [
          { method: 'REPORT', status: 207, delayMs: 2_000 },
          { method: 'REPORT', status: 207, delayMs: 2_000 },
        ],
      },
      0,
      300,
    );
    expect(await service.pull({ cursor: null, consistency: 'delta' })).toMatchObject({ kind: 'failed', code: 'carddav.timeout' });
    const controller = new AbortController();
    const pending = service.pull({ cursor: null, consistency: 'delta', signal: controller.signal });
    controller.abort();
    expect(await pending).toMatchObject({ kind: 'failed', code: 'carddav.aborted' });
  });
});
