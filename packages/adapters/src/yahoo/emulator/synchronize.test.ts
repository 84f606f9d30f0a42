import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { toDraft } from '@contactsync/core';
import type { FieldChange, RequestEvent } from '../wire.js';
import { call, FORMATS, fidOf, syncOf } from './emulator-test-kit.js';
import { startYahooEmulator, type YahooEmulator } from './server.js';

const DAY = 24 * 60 * 60 * 1000;
const nick = (data: string): FieldChange => ({ op: 'add', field: { type: 'nickname', flags: [], data } });
const named = (first: string, ...more: FieldChange[]): RequestEvent => ({
  type: 'add-contact',
  fields: [{ op: 'add', field: { type: 'name', flags: [], parts: { first } } }, ...more],
  categories: [],
});

describe.each(FORMATS)('synchronize (%s)', (format) => {
  let emu: YahooEmulator;
  let now: number;
  beforeEach(async () => {
    now = Date.UTC(2024, 0, 15);
    emu = await startYahooEmulator({ clock: () => now });
  });
  afterEach(async () => {
    await emu.close();
  });

  it('raises one global rev per committed event, answers results in request order, and echoes the writes', async () => {
    const response = syncOf(
      await call(emu, format, {
        body: [named('Ann'), { type: 'add-category', name: 'Friends' }, { type: 'remove-contact', cid: 999 }, named('Ben')],
      }),
    );
    expect(response.rev).toBe(3);
    expect(response.results.map((r) => r.type)).toEqual(['success', 'success', 'error', 'success']);
    expect(response.results[0]).toMatchObject({ addAction: 'add' });
    expect(response.results[1]).toMatchObject({ catid: expect.any(Number) as number });
    const cids = response.results.flatMap((r) => (r.type === 'success' && r.cid !== undefined ? [r.cid] : []));
    expect(response.events.map((e) => (e.type === 'add-contact' ? e.contact.cid : null))).toEqual(cids);
  });

  it('sends the events since myrev: add, update or remove once per contact, oldest first; none at the current rev', async () => {
    const ann = Number(emu.control.createContact(toDraft({ name: { given: 'Ann' } })));
    const ben = Number(emu.control.createContact(toDraft({ name: { given: 'Ben' } })));
    const myrev = emu.control.rev();
    emu.control.updateContact(ann, { nickname: 'a' });
    emu.control.removeContact(ben);
    const cy = Number(emu.control.createContact(toDraft({ name: { given: 'Cy' } })));
    emu.control.updateContact(ann, { nickname: 'aa' });
    const response = syncOf(await call(emu, format, { query: { myrev: String(myrev) } }));
    expect(
      response.events.map((e) => [e.type, e.type === 'remove-contact' ? e.cid : e.type === 'address-book-reset' ? 0 : e.contact.cid]),
    ).toEqual([
      ['remove-contact', ben],
      ['add-contact', cy],
      ['update-contact', ann],
    ]);
    expect(syncOf(await call(emu, format, { query: { myrev: String(response.rev) } })).events).toEqual([]);
  });

  it('leaves the events out with nodiffs=1', async () => {
    const response = syncOf(await call(emu, format, { body: [named('Ann')], query: { nodiffs: '1' } }));
    expect(response.results).toHaveLength(1);
    expect(response.events).toEqual([]);
  });

  it('folds an identical contact into the existing one: add-action merge, the categories join', async () => {
    const ann = Number(emu.control.createContact(toDraft({ name: { given: 'Ann' }, nickname: 'a', categories: ['Friends'] })));
    const myrev = emu.control.rev();
    const event: RequestEvent = { ...named(' ANN ', nick('a')), categories: [{ op: 'add', ref: { name: 'Family' } }] } as RequestEvent;
    const response = syncOf(await call(emu, format, { body: [event], query: { myrev: String(myrev) } }));
    expect(response.results[0]).toEqual({ type: 'success', addAction: 'merge', cid: ann });
    expect(emu.control.listContacts()).toHaveLength(1);
    expect(emu.control.getContact(ann)?.categories).toEqual(['Friends', 'Family']);
    expect(response.events).toHaveLength(1);
  });

  it('answers -40902 when the event touches a field that did not change, -40904 when it touches only changed ones', async () => {
    const cid = Number(emu.control.createContact(toDraft({ name: { given: 'Ann' }, nickname: 'a', company: 'c' })));
    const myrev = emu.control.rev();
    emu.control.updateContact(cid, { nickname: 'b' });
    const company = await fidOf(emu, cid, 'company');
    const nickname = await fidOf(emu, cid, 'nickname');
    const update = (fid: number, type: 'company' | 'nickname'): RequestEvent => ({
      type: 'update-contact',
      cid,
      fields: [{ op: 'update', fid, field: { type, flags: [], data: 'mine' } }],
      categories: [],
    });
    const response = syncOf(
      await call(emu, format, { body: [update(company, 'company'), update(nickname, 'nickname')], query: { myrev: String(myrev) } }),
    );
    expect(response.results.map((r) => (r.type === 'error' ? r.code : 0))).toEqual([-40902, -40904]);
    expect(emu.control.getContact(cid)).toMatchObject({ nickname: 'b', company: 'c' });
    // The response carries the newer state to merge with.
    expect(response.events).toMatchObject([{ type: 'update-contact', contact: { cid } }]);
  });

  it('makes no revision check with myrev=0', async () => {
    const cid = Number(emu.control.createContact(toDraft({ name: { given: 'Ann' }, nickname: 'a' })));
    emu.control.updateContact(cid, { nickname: 'b' });
    const response = syncOf(await call(emu, format, { body: [{ type: 'remove-contact', cid }], query: { myrev: '0' } }));
    expect(response.results[0]).toEqual({ type: 'success' });
  });

  it('starts the events with address-book-reset and the whole book when myrev is older than 30 days of history', async () => {
    emu.control.createContact(toDraft({ name: { given: 'Ann' } }));
    const myrev = emu.control.rev();
    now += DAY;
    emu.control.createContact(toDraft({ name: { given: 'Ben' } }));
    now += 29 * DAY;
    expect(syncOf(await call(emu, format, { query: { myrev: String(myrev) } })).events.map((e) => e.type)).toEqual(['add-contact']);
    now += 2 * DAY;
    const response = syncOf(await call(emu, format, { query: { myrev: String(myrev) } }));
    expect(response.events.map((e) => e.type)).toEqual(['address-book-reset', 'add-contact', 'add-contact']);
  });

  it('resets a client whose myrev is from a book that was reset or is newer than the book', async () => {
    emu.control.createContact(toDraft({ name: { given: 'Ann' } }));
    const myrev = emu.control.rev();
    emu.control.reset();
    expect(syncOf(await call(emu, format, { query: { myrev: String(myrev) } })).events[0]?.type).toBe('address-book-reset');
    expect(syncOf(await call(emu, format, { query: { myrev: '999' } })).events[0]?.type).toBe('address-book-reset');
  });

  it('does not re-send the members of a renamed category: the table tells', async () => {
    emu.control.createContact(toDraft({ name: { given: 'Ann' }, categories: ['Friends'] }));
    const myrev = emu.control.rev();
    emu.control.renameCategory('Friends', 'Buddies');
    const response = syncOf(await call(emu, format, { query: { myrev: String(myrev) } }));
    expect(response.rev).toBe(myrev + 1);
    expect(response.events).toEqual([]);
    expect(response.categories.map((c) => c.name)).toEqual(['Buddies']);
  });

  it('creates a category named by add-to-category, and escapes values on the wire as §2.3 says', async () => {
    const event: RequestEvent = {
      type: 'add-contact',
      fields: [nick('Tom & Jerry'), nick('a &amp; b')],
      categories: [{ op: 'add', ref: { name: 'R&D' } }],
    };
    const answer = await call(emu, format, { body: [event] });
    if (format === 'xml') {
      expect(answer.text).toContain('<!DOCTYPE sync-response SYSTEM "http://l.yimg.com/us.yimg.com/lib/pim/r/abook/xml/2/pheasant.dtd">');
      expect(answer.text).toContain('>Tom &amp;amp; Jerry</nickname>');
      expect(answer.text).toContain('>a &amp;amp;amp; b</nickname>');
      expect(answer.text).toContain('>R&amp;amp;D</category>');
    } else {
      expect(answer.text).toContain('"data":"Tom &amp; Jerry"');
      expect(answer.text).toContain('"data":"a &amp;amp; b"');
      expect(answer.text).toContain('"data":"R&amp;D"');
    }
    const response = syncOf(answer);
    expect(response.categories.map((c) => c.name)).toEqual(['R&D']);
    expect(emu.control.listContacts()[0]?.contact.categories).toEqual(['R&D']);
  });

  it('accepts "contacts" for the events of a JSON request (one guide example used it)', async () => {
    if (format !== 'json') return;
    const response = syncOf(
      await call(emu, format, { body: { xml: '', json: '{"type":"sync_request","contacts":[{"type":"add_category","data":"Friends"}]}' } }),
    );
    expect(response.results).toEqual([{ type: 'success', catid: expect.any(Number) as number }]);
  });

  it('reads __proto__ and constructor keys of a JSON request as unknown keys, harmlessly', async () => {
    if (format !== 'json') return;
    const json =
      '{"type":"sync_request","__proto__":{"events":[{"type":"add_category","data":"Evil"}]},"events":[{"type":"add_category","data":"Good","constructor":{"prototype":{"x":1}},"__proto__":{"data":"Evil"}}]}';
    const response = syncOf(await call(emu, format, { body: { xml: '', json } }));
    expect(response.results).toHaveLength(1);
    expect(emu.control.categories().map((c) => c.name)).toEqual(['Good']);
    expect(({} as Record<string, unknown>)['x']).toBeUndefined();
  });

  it('serves getCategories, searchContacts and addContacts', async () => {
    emu.control.createContact(toDraft({ name: { given: 'Ann' }, emails: [{ address: 'ann@x.y' }], categories: ['Friends'] }));
    const categories = await call(emu, format, { path: '/v1/getCategories' });
    expect(categories.status).toBe(200);
    expect(categories.text).toContain('Friends');
    const found = await call(emu, format, { path: '/v1/searchContacts', query: { query: 'ANN@', fields: 'email' } });
    expect(found.status).toBe(200);
    expect(found.text).toContain('ann@x.y');
    expect(found.text).not.toContain('Ann<');
    const added = syncOf(
      await call(emu, format, { path: '/v1/addContacts', body: [named('Ben'), { type: 'add-category', name: 'NotHere' }] }),
    );
    expect(added.results.map((r) => r.type)).toEqual(['success', 'error']);
    expect(added.events).toEqual([]);
  });
});

describe('control plane', () => {
  let emu: YahooEmulator;
  let now = Date.UTC(2024, 0, 15);
  beforeEach(async () => {
    emu = await startYahooEmulator({ clock: () => now, seedContacts: [toDraft({ name: { given: 'Seed' } })] });
  });
  afterEach(async () => {
    await emu.close();
  });

  it('commits a write and then drops the connection (a lost response)', async () => {
    emu.control.loseNextResponse({ match: { method: 'POST' } });
    await expect(call(emu, 'xml', { body: [{ type: 'add-category', name: 'Friends' }] })).rejects.toThrow();
    expect(emu.control.categories().map((c) => c.name)).toEqual(['Friends']);
    expect(emu.control.log()[0]).toMatchObject({ method: 'POST', status: 200, dropped: true });
  });

  it('logs method, path, query, emulator time and outcome code', async () => {
    now += 1000;
    emu.control.setLocked(true);
    await call(emu, 'json', { query: { myrev: '0' } });
    expect(emu.control.log()).toEqual([
      {
        method: 'GET',
        path: '/v1/synchronize',
        query: expect.objectContaining({ myrev: '0', format: 'json' }) as object,
        at: now,
        status: 503,
        code: -50302,
        nestedCodes: [],
        dropped: false,
      },
    ]);
  });

  it('moves its own clock with setTime and advance', () => {
    emu.control.advance(5000);
    expect(emu.control.now()).toBe(now + 5000);
    emu.control.setTime(now);
    expect(emu.control.now()).toBe(now);
  });

  it('runs a staged edit just before the next matching request (a race)', async () => {
    const [cid] = emu.control.listContacts().map((c) => c.remoteId);
    const myrev = emu.control.rev();
    emu.control.beforeNext({ method: 'POST' }, () => emu.control.updateContact(cid ?? '', { nickname: 'raced' }));
    await call(emu, 'xml');
    const response = syncOf(
      await call(emu, 'xml', { body: [{ type: 'remove-contact', cid: Number(cid) }], query: { myrev: String(myrev) } }),
    );
    expect(response.results[0]).toMatchObject({ type: 'error', code: -40902 });
  });

  it('adds latency to answers', async () => {
    emu.control.setLatency(60);
    const started = performance.now();
    await call(emu, 'xml');
    expect(performance.now() - started).toBeGreaterThanOrEqual(55);
  });

  it('is reachable over HTTP under /_control/', async () => {
    const post = (action: string, body: unknown) => fetch(`${emu.url}/_control/${action}`, { method: 'POST', body: JSON.stringify(body) });
    expect((await post('create', { contact: { name: { given: 'Http' }, categories: ['Friends'] } })).status).toBe(200);
    expect((await post('rename-category', { from: 'Friends', to: 'Buddies' })).status).toBe(200);
    expect((await post('fail-next', { status: 503, code: -50302, retryAfter: 600 })).status).toBe(200);
    expect((await post('before-next', { match: { method: 'GET' }, edit: { action: 'add-category', name: 'Staged' } })).status).toBe(200);
    expect((await call(emu, 'json')).status).toBe(503);
    const contacts = (await (await fetch(`${emu.url}/_control/contacts`)).json()) as {
      contact: { name: { given: string }; categories: string[] };
    }[];
    expect(contacts.map((c) => [c.contact.name.given, c.contact.categories])).toEqual([
      ['Seed', []],
      ['Http', ['Buddies']],
    ]);
    expect(emu.control.categories().map((c) => c.name)).toEqual(['Buddies', 'Staged']);
    const log = (await (await fetch(`${emu.url}/_control/log`)).json()) as { code: number }[];
    expect(log.map((l) => l.code)).toEqual([-50302]);
    expect((await post('rename-category', { from: 'Nope', to: 'X' })).status).toBe(400);
    expect((await post('no-such-action', {})).status).toBe(404);
    expect((await post('seed', { count: 3 })).status).toBe(200);
    expect(emu.control.listContacts()).toHaveLength(5);
  });
});
