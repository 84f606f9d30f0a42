import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { toDraft, type ContactService, type PullOutcome, type RemoteChange } from '@contactsync/core';
import { yahooAddressBook } from './client.js';
import { decodeCursor } from './cursor.js';
import { startYahooEmulator, type YahooEmulator } from './emulator/index.js';

const DAY = 24 * 60 * 60 * 1000;

function page(outcome: PullOutcome) {
  if (outcome.kind !== 'page') throw new Error(`expected a page, got ${JSON.stringify(outcome)}`);
  return outcome;
}
const ids = (changes: readonly RemoteChange[]) => changes.map((c) => (c.kind === 'upsert' ? `+${c.record.remoteId}` : `-${c.remoteId}`));

describe.each(['xml', 'json'] as const)('pull (%s)', (format) => {
  let emu: YahooEmulator;
  let service: ContactService;
  let now: number;
  beforeEach(async () => {
    now = Date.UTC(2024, 0, 15);
    emu = await startYahooEmulator({ clock: () => now });
    service = yahooAddressBook({ baseUrl: emu.url, appid: emu.appid, wssid: emu.wssid, cookie: emu.cookie, format });
  });
  afterEach(async () => {
    await emu.close();
  });
  const pull = (cursor: string | null) => service.pull({ cursor, consistency: 'delta' });
  const paths = () => emu.control.log().map((l) => `${l.method} myrev=${l.query['myrev'] ?? ''}`);

  it('answers no cursor with a snapshot of the whole book (myrev=0), versioned by the response rev', async () => {
    const a = emu.control.createContact(toDraft({ name: { given: 'Ann' }, categories: ['Friends'] }));
    const b = emu.control.createContact(toDraft({ name: { given: 'Ben' } }));
    const first = page(await pull(null));
    expect(first).toMatchObject({ mode: 'snapshot', more: false });
    expect(ids(first.changes)).toEqual([`+${a}`, `+${b}`]);
    expect(first.changes.every((c) => c.kind === 'upsert' && c.record.version === String(emu.control.rev()))).toBe(true);
    expect(decodeCursor(first.cursor)).toEqual({
      rev: emu.control.rev(),
      categories: [{ catid: expect.any(Number) as number, name: 'Friends' }],
      former: [],
      resync: false,
    });
    expect(paths()).toEqual(['GET myrev=0']);
  });

  it('answers not-modified when nothing changed, and a delta of creates, updates and deletes otherwise', async () => {
    const a = emu.control.createContact(toDraft({ name: { given: 'Ann' } }));
    const b = emu.control.createContact(toDraft({ name: { given: 'Ben' } }));
    const first = page(await pull(null));
    expect(await pull(first.cursor)).toEqual({ kind: 'not-modified' });
    emu.control.updateContact(a, { notes: 'changed' });
    emu.control.removeContact(b);
    const c = emu.control.createContact(toDraft({ name: { given: 'Cy' } }));
    const delta = page(await pull(first.cursor));
    expect(delta.mode).toBe('delta');
    expect(ids(delta.changes)).toEqual([`+${a}`, `-${b}`, `+${c}`]);
    expect(delta.changes[0]?.kind === 'upsert' && delta.changes[0].record.contact.notes).toBe('changed');
  });

  it('moves the cursor on with not-modified when only the rev moved (a category was added)', async () => {
    const first = page(await pull(null));
    emu.control.addCategory('Friends');
    const after = await pull(first.cursor);
    expect(after.kind).toBe('not-modified');
    const cursor = after.kind === 'not-modified' ? after.cursor : undefined;
    expect(decodeCursor(cursor ?? '')).toMatchObject({ rev: emu.control.rev(), categories: [{ name: 'Friends' }] });
    const removed = emu.control.createContact(toDraft({ name: { given: 'Gone' } }));
    emu.control.removeContact(removed);
    // Created and removed since the cursor: the removal is still reported (harmless if unknown).
    const again = page(await pull(cursor ?? null));
    expect(ids(again.changes)).toEqual([`-${removed}`]);
  });

  it('answers address-book-reset with a snapshot of the contacts that follow it', async () => {
    emu.control.createContact(toDraft({ name: { given: 'Ann' } }));
    const first = page(await pull(null));
    now += DAY;
    const b = emu.control.createContact(toDraft({ name: { given: 'Ben' } }));
    now += 31 * DAY;
    const rebuilt = page(await pull(first.cursor));
    expect(rebuilt.mode).toBe('snapshot');
    expect(ids(rebuilt.changes)).toHaveLength(2);
    expect(ids(rebuilt.changes)).toContain(`+${b}`);
  });

  it('answers a category renamed or removed elsewhere with a snapshot (its members were not re-sent)', async () => {
    const a = emu.control.createContact(toDraft({ name: { given: 'Ann' }, categories: ['Friends', 'Old'] }));
    const first = page(await pull(null));
    emu.control.renameCategory('Friends', 'Buddies');
    emu.control.removeCategory('Old');
    const rebuilt = page(await pull(first.cursor));
    expect(rebuilt.mode).toBe('snapshot');
    expect(rebuilt.changes).toMatchObject([{ kind: 'upsert', record: { remoteId: a, contact: { categories: ['Buddies'] } } }]);
    expect(decodeCursor(rebuilt.cursor)?.former.map((c) => c.name)).toEqual(['Friends', 'Old']);
    expect(paths()).toEqual(['GET myrev=0', `GET myrev=${decodeCursor(first.cursor)?.rev ?? ''}`, 'GET myrev=0']);
    expect(await pull(rebuilt.cursor)).toEqual({ kind: 'not-modified' });
  });

  it('reads a cursor it did not write as no cursor (a snapshot)', async () => {
    expect(page(await pull('garbage')).mode).toBe('snapshot');
  });

  it('returns failures as outcomes: 403 -> auth-required, a locked user -> retry-at', async () => {
    emu.control.failNext({ status: 403 });
    expect(await pull(null)).toMatchObject({ kind: 'auth-required', code: 'http-403' });
    emu.control.setLocked(true);
    expect(await pull(null)).toMatchObject({ kind: 'retry-at', retryAfterMs: 600_000, code: '-50302' });
  });

  // Revised contract (docs/yahoo.md, "Categories"): an idle response may leave the category table out.
  it('polls an idle book that omits the category table with one request each, keeping the categories and never myrev=0', async () => {
    emu.control.createContact(toDraft({ name: { given: 'Ann' }, categories: ['Friends', 'Work'] }));
    const first = page(await pull(null));
    emu.control.omitIdleCategoryTable();
    emu.control.clearLog();
    let cursor = first.cursor;
    for (let poll = 0; poll < 3; poll++) {
      const outcome = await pull(cursor);
      expect(outcome).toEqual({ kind: 'not-modified' });
      if (outcome.kind === 'not-modified' && outcome.cursor !== undefined) cursor = outcome.cursor;
    }
    expect(paths()).toEqual(Array.from({ length: 3 }, () => `GET myrev=${emu.control.rev()}`));
    expect(decodeCursor(cursor)?.categories.map((c) => c.name)).toEqual(['Friends', 'Work']);

    // A change still arrives with its table, and a delta from the kept cursor applies as usual.
    const ben = emu.control.createContact(toDraft({ name: { given: 'Ben' }, categories: ['Work'] }));
    const delta = page(await pull(cursor));
    expect(delta.mode).toBe('delta');
    expect(ids(delta.changes)).toEqual([`+${ben}`]);
    expect(paths().slice(3)).toEqual([`GET myrev=${decodeCursor(cursor)?.rev ?? ''}`]);
  });
});
