import type { FieldPart, FieldType, Flag, ResponseEvent, WireCategory, WireContact, WireField } from '../wire.js';

/** A field as the book stores it: plain (unescaped) text and the `rev` of its last change. */
export interface StoredField {
  readonly fid: number;
  readonly rev: number;
  readonly type: FieldType;
  readonly flags: readonly Flag[];
  readonly title?: string;
  readonly data?: string;
  readonly parts?: Readonly<Partial<Record<FieldPart, string>>>;
}

export interface StoredContact {
  readonly cid: number;
  readonly fields: readonly StoredField[];
  readonly catids: readonly number[];
  /** The rev of the contact's last change: any field or category membership (§2.2). */
  readonly rev: number;
  /** The rev that created it: an event after `myrev` is an `add-contact` if this is newer. */
  readonly createdRev: number;
  /** Seconds since the epoch of the last change. */
  readonly lmt: number;
}

export interface StoredCategory {
  readonly catid: number;
  readonly name: string;
  readonly rev: number;
}

/**
 * The address book of one user: one global `rev` raised by every committed change, and the `rev` of
 * each contact, field and category's last change (§2.2). Removed contacts and fields leave a
 * tombstone with the rev of their removal, so "changed after myrev" can be answered for them too.
 *
 * Ids of contacts, fields and categories come from one counter, as in the guide's examples.
 */
export class Book {
  rev = 0;
  private nextId = 1;
  readonly contacts = new Map<number, StoredContact>();
  readonly categories = new Map<number, StoredCategory>();
  readonly removedContacts = new Map<number, number>();
  readonly removedFields = new Map<number, number>();
  /** `commitTimes[r]`: the emulator-clock time (ms) at which rev r was committed. */
  private readonly commitTimes: number[] = [0];

  constructor(private readonly now: () => number) {}

  allocateId(): number {
    return this.nextId++;
  }

  /** Raises the global rev for one committed change and returns it. */
  commit(): number {
    this.rev++;
    this.commitTimes[this.rev] = this.now();
    return this.rev;
  }

  seconds(): number {
    return Math.floor(this.now() / 1000);
  }

  categoryByName(name: string): StoredCategory | undefined {
    const key = name.trim().toLowerCase();
    for (const category of this.categories.values()) if (category.name.toLowerCase() === key) return category;
    return undefined;
  }

  table(): WireCategory[] {
    return [...this.categories.values()].sort((a, b) => a.catid - b.catid).map((c) => ({ catid: c.catid, name: c.name }));
  }

  toWire(contact: StoredContact): WireContact {
    return {
      cid: contact.cid,
      lmt: contact.lmt,
      fields: contact.fields.map(({ rev: _rev, ...field }): WireField => field),
      categories: contact.catids.map((catid) => ({ catid })),
    };
  }

  /**
   * Whether history since `myrev` is no longer complete: a change after it was committed before the
   * retention window, or `myrev` is from the future (a book the client knew was reset).
   */
  needsReset(myrev: number, historyMs: number): boolean {
    if (myrev > this.rev) return true;
    if (myrev === 0 || myrev === this.rev) return false;
    const firstChange = this.commitTimes[myrev + 1];
    return firstChange !== undefined && firstChange < this.now() - historyMs;
  }

  /** The change events since `myrev` (§2.2), oldest first; the whole book when a reset is due. */
  eventsSince(myrev: number, historyMs: number): ResponseEvent[] {
    const reset = this.needsReset(myrev, historyMs);
    if (reset || myrev === 0) {
      const all = [...this.contacts.values()].sort((a, b) => a.rev - b.rev || a.cid - b.cid);
      const adds = all.map((contact): ResponseEvent => ({ type: 'add-contact', contact: this.toWire(contact) }));
      return reset ? [{ type: 'address-book-reset' }, ...adds] : adds;
    }
    const changed: { rev: number; cid: number; event: ResponseEvent }[] = [];
    for (const contact of this.contacts.values()) {
      if (contact.rev <= myrev) continue;
      const type = contact.createdRev > myrev ? 'add-contact' : 'update-contact';
      changed.push({ rev: contact.rev, cid: contact.cid, event: { type, contact: this.toWire(contact) } });
    }
    for (const [cid, rev] of this.removedContacts) {
      if (rev > myrev) changed.push({ rev, cid, event: { type: 'remove-contact', cid } });
    }
    return changed.sort((a, b) => a.rev - b.rev || a.cid - b.cid).map((c) => c.event);
  }

  /** Whether a field was changed or removed after `myrev` (for -40904). */
  fieldChangedAfter(contact: StoredContact, fid: number, myrev: number): boolean {
    const field = contact.fields.find((f) => f.fid === fid);
    if (field !== undefined) return field.rev > myrev;
    return (this.removedFields.get(fid) ?? 0) > myrev;
  }

  putContact(contact: StoredContact): void {
    this.contacts.set(contact.cid, contact);
    this.removedContacts.delete(contact.cid);
  }

  removeContact(cid: number, rev: number): void {
    this.contacts.delete(cid);
    this.removedContacts.set(cid, rev);
  }

  /** Removes a category and every membership in it. Members keep their rev: the table tells. */
  removeCategory(catid: number): void {
    this.categories.delete(catid);
    for (const contact of this.contacts.values()) {
      if (contact.catids.includes(catid)) this.contacts.set(contact.cid, { ...contact, catids: contact.catids.filter((c) => c !== catid) });
    }
  }

  /** Empties the book; revs keep counting up so that no old `myrev` can look current. */
  clear(): void {
    this.contacts.clear();
    this.categories.clear();
    this.removedContacts.clear();
    this.removedFields.clear();
    this.commit();
    this.forgetHistory();
  }

  /** Drops the change history: every client `myrev` older than now gets an `address-book-reset`. */
  forgetHistory(): void {
    this.commitTimes.fill(-Infinity, 1, this.rev + 1);
  }
}
