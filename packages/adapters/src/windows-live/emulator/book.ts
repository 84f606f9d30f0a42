import type { StoredContact } from './stored.js';

/**
 * The emulated address book: contacts, tombstones and the change times that drive `DeltaSync`
 * (docs/windows-live.md §1.4). Time is whole seconds on the wire; the book keeps epoch ms and compares
 * seconds. A change is reported only once its second has ended, so a response's `Last-Modified`
 * is never the current second and a client holding the last one it got never misses a change.
 */

export const sec = (ms: number): number => Math.floor(ms / 1000);
const DAY_MS = 86_400_000;

export type DeltaAnswer =
  | { readonly kind: 'whole-book' }
  | { readonly kind: 'none' }
  | {
      readonly kind: 'page';
      readonly contacts: readonly StoredContact[];
      readonly tombstones: readonly string[];
      /** `Last-Modified` of the page (epoch seconds). */
      readonly lastSec: number;
    };

export interface BookSnapshot {
  readonly contacts: readonly StoredContact[];
  readonly tombstones: readonly (readonly [string, number])[];
  readonly resetAt: number;
  readonly lastChangeAt: number;
}

export class Book {
  private contacts = new Map<string, StoredContact>();
  private tombstones = new Map<string, number>();
  private tagCounts = new Map<string, number>();
  /** When the book was last emptied by the control plane; a new book has no history to lose. */
  private resetAt = 0;
  private lastChangeAt: number;

  constructor(private readonly now: () => number) {
    this.lastChangeAt = now();
  }

  get size(): number {
    return this.contacts.size;
  }

  get distinctTags(): number {
    return this.tagCounts.size;
  }

  all(): readonly StoredContact[] {
    return [...this.contacts.values()];
  }

  /** Ids are GUIDs, matched case-insensitively like the rest of the path (§1.1). */
  get(id: string): StoredContact | undefined {
    return this.contacts.get(id.toLowerCase());
  }

  /** Inserts or replaces a contact; its `changedAt` is the change's time. */
  put(contact: StoredContact): void {
    const key = contact.id.toLowerCase();
    const before = this.contacts.get(key);
    if (before !== undefined) this.countTags(before.tags, -1);
    this.countTags(contact.tags, +1);
    this.contacts.set(key, contact);
    this.lastChangeAt = Math.max(this.lastChangeAt, contact.changedAt);
  }

  /** Deletes a contact, leaving a tombstone for deltas. */
  delete(id: string): boolean {
    const key = id.toLowerCase();
    const before = this.contacts.get(key);
    if (before === undefined) return false;
    this.countTags(before.tags, -1);
    this.contacts.delete(key);
    const at = this.now();
    this.tombstones.set(before.id, at);
    this.lastChangeAt = Math.max(this.lastChangeAt, at);
    return true;
  }

  /** Empties the book without tombstones: any cursor from before now gets a whole book. */
  reset(): void {
    this.contacts.clear();
    this.tombstones.clear();
    this.tagCounts.clear();
    this.resetAt = this.now();
    this.lastChangeAt = this.resetAt;
  }

  /** Distinct tags the book would hold with `contact` (new, or replacing its stored self). */
  distinctTagsWith(contact: StoredContact): number {
    const held = new Map<string, number>();
    for (const tag of this.get(contact.id)?.tags ?? []) held.set(tag, (held.get(tag) ?? 0) + 1);
    const othersHolding = (tag: string): number => (this.tagCounts.get(tag) ?? 0) - (held.get(tag) ?? 0);
    let count = this.tagCounts.size;
    for (const tag of held.keys()) if (othersHolding(tag) === 0) count--;
    for (const tag of new Set(contact.tags)) if (othersHolding(tag) === 0) count++;
    return count;
  }

  private countTags(tags: readonly string[], delta: 1 | -1): void {
    for (const tag of tags) {
      const next = (this.tagCounts.get(tag) ?? 0) + delta;
      if (next <= 0) this.tagCounts.delete(tag);
      else this.tagCounts.set(tag, next);
    }
  }

  /** The root `Last-Modified`: the last ended second holding a change, or the previous second if the book changed in this one. */
  rootLastModifiedSec(): number {
    const nowSec = sec(this.now());
    const last = sec(this.lastChangeAt);
    return last >= nowSec ? nowSec - 1 : last;
  }

  /**
   * What changed in ended seconds after `sinceSec`, oldest second first, at most `max` contacts
   * per page unless one second alone holds more (a second is never split).
   */
  changesSince(sinceSec: number, max: number, tombstoneDays: number): DeltaAnswer {
    const now = this.now();
    const nowSec = sec(now);
    this.purgeTombstones(now - tombstoneDays * DAY_MS);
    if (sinceSec < sec(now - tombstoneDays * DAY_MS)) return { kind: 'whole-book' };
    const resetSec = sec(this.resetAt);
    if (resetSec > sinceSec && resetSec < nowSec) return { kind: 'whole-book' };

    const changed: { readonly second: number; readonly contact?: StoredContact; readonly tombstone?: string }[] = [];
    for (const contact of this.contacts.values()) {
      const second = sec(contact.changedAt);
      if (second > sinceSec && second < nowSec) changed.push({ second, contact });
    }
    for (const [id, at] of this.tombstones) {
      const second = sec(at);
      if (second > sinceSec && second < nowSec) changed.push({ second, tombstone: id });
    }
    if (changed.length === 0) return { kind: 'none' };
    changed.sort((a, b) => a.second - b.second);

    let end = 0;
    while (end < changed.length) {
      const second = changed[end]?.second;
      let groupEnd = end;
      while (groupEnd < changed.length && changed[groupEnd]?.second === second) groupEnd++;
      if (end > 0 && groupEnd > max) break;
      end = groupEnd;
    }
    const page = changed.slice(0, end);
    const complete = end === changed.length;
    return {
      kind: 'page',
      contacts: page.flatMap((c) => (c.contact === undefined ? [] : [c.contact])),
      tombstones: page.flatMap((c) => (c.tombstone === undefined ? [] : [c.tombstone])),
      lastSec: complete ? this.rootLastModifiedSec() : (page[page.length - 1]?.second ?? sinceSec),
    };
  }

  private purgeTombstones(before: number): void {
    for (const [id, at] of this.tombstones) if (at < before) this.tombstones.delete(id);
  }

  snapshot(): BookSnapshot {
    return { contacts: this.all(), tombstones: [...this.tombstones], resetAt: this.resetAt, lastChangeAt: this.lastChangeAt };
  }

  restore(snapshot: BookSnapshot): void {
    this.reset();
    for (const contact of snapshot.contacts) this.put(contact);
    this.tombstones = new Map(snapshot.tombstones.map(([id, at]) => [id, at]));
    this.resetAt = snapshot.resetAt;
    this.lastChangeAt = snapshot.lastChangeAt;
  }
}
