import { describe, expect, it } from 'vitest';
import { Book } from './book.js';
import { emptyContact } from './stored.js';

function setup() {
  let now = Date.UTC(2010, 0, 1, 0, 0, 0);
  const book = new Book(() => now);
  let n = 0;
  const add = (tags: string[] = []) => {
    const contact = { ...emptyContact(`c${n++}`, now), tags };
    book.put(contact);
    return contact;
  };
  return { book, add, at: (ms: number) => (now = ms), tick: (ms: number) => (now += ms), sec: () => Math.floor(now / 1000) };
}

describe('Book deltas (docs/windows-live.md §1.4)', () => {
  it('reports a change only once its second has ended; Last-Modified is never the current second', () => {
    const t = setup();
    t.tick(1000);
    const since = t.sec() - 1;
    t.add();
    expect(t.book.rootLastModifiedSec()).toBe(t.sec() - 1);
    expect(t.book.changesSince(since, 1000, 30)).toEqual({ kind: 'none' });
    t.tick(999);
    expect(t.book.changesSince(since, 1000, 30).kind).toBe('none');
    t.tick(1);
    const page = t.book.changesSince(since, 1000, 30);
    expect(page).toMatchObject({ kind: 'page', lastSec: t.sec() - 1 });
    expect(t.book.rootLastModifiedSec()).toBe(t.sec() - 1);
  });

  it('pages oldest second first, never splitting a second, the first second whole even if too big', () => {
    const t = setup();
    const since = t.sec();
    t.tick(1000);
    const s1 = t.sec();
    t.add();
    t.add();
    t.add();
    t.tick(1000);
    const s2 = t.sec();
    t.add();
    t.tick(1000);
    t.add();
    t.add();
    t.tick(1000);
    const first = t.book.changesSince(since, 2, 30);
    expect(first).toMatchObject({ kind: 'page', lastSec: s1 });
    expect(first.kind === 'page' && first.contacts).toHaveLength(3);
    const second = t.book.changesSince(s1, 2, 30);
    expect(second).toMatchObject({ kind: 'page', lastSec: s2 });
    expect(second.kind === 'page' && second.contacts).toHaveLength(1);
    const last = t.book.changesSince(s2, 3, 30);
    expect(last.kind === 'page' && last.contacts).toHaveLength(2);
    expect(last.kind === 'page' && last.lastSec).toBe(t.book.rootLastModifiedSec());
  });

  it('keeps tombstones for the configured days; an older cursor gets the whole book', () => {
    const t = setup();
    const c = t.add();
    t.tick(1000);
    const since = t.sec() - 1;
    t.book.delete(c.id);
    t.tick(1000);
    expect(t.book.changesSince(since, 10, 30)).toMatchObject({ kind: 'page', tombstones: [c.id], contacts: [] });
    t.tick(30 * 86_400_000);
    expect(t.book.changesSince(since, 10, 30)).toEqual({ kind: 'whole-book' });
    expect(t.book.changesSince(t.sec() - 10, 10, 30)).toEqual({ kind: 'none' });
  });

  it('a reset loses history: cursors from before it get the whole book once its second ended', () => {
    const t = setup();
    t.add();
    t.tick(2000);
    const since = t.sec() - 1;
    t.book.reset();
    expect(t.book.changesSince(since, 10, 30).kind).toBe('none');
    t.tick(1000);
    expect(t.book.changesSince(since, 10, 30)).toEqual({ kind: 'whole-book' });
  });

  it('counts distinct tags as contacts come, change and go', () => {
    const t = setup();
    const a = t.add(['x', 'y']);
    t.add(['y']);
    expect(t.book.distinctTags).toBe(2);
    expect(t.book.distinctTagsWith({ ...a, tags: ['z'] })).toBe(2); // x goes, z comes
    expect(t.book.distinctTagsWith({ ...a, tags: ['x', 'y', 'z'] })).toBe(3);
    expect(t.book.distinctTagsWith({ ...emptyContact('new', 0), tags: ['y'] })).toBe(2);
    t.book.delete(a.id);
    expect(t.book.distinctTags).toBe(1);
  });
});
