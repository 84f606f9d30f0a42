import { createHash } from 'node:crypto';

/**
 * The state of one emulated mailbox: its contacts (every Graph property, mapped by the adapter or
 * not), a change sequence for delta rounds, and the extended properties each contact carries.
 */

export interface StoredContact {
  readonly id: string;
  /** Graph properties (no id, no etag), as stored. */
  readonly props: Record<string, unknown>;
  /** Bumped by every write: the etag and changeKey are made from it. */
  readonly version: number;
  /** Change sequence number of the write that created the contact. */
  readonly createdSeq: number;
  /** For each property, the sequence number of the write that last changed it. */
  readonly changedAt: ReadonlyMap<string, number>;
  /** Single-value extended properties: id -> value. */
  readonly extended: ReadonlyMap<string, string>;
}

/** The latest change of an id: when, and for a removal, why. */
export interface Change {
  readonly seq: number;
  readonly removed: 'deleted' | 'changed' | null;
}

export const DEFAULT_FOLDER_ID = 'contacts';

export class Mailbox {
  readonly contacts = new Map<string, StoredContact>();
  readonly lastChange = new Map<string, Change>();
  seq = 0;
  /** Tokens issued in an earlier epoch are no longer known; `expiredAs` says how they fail. */
  epoch = 0;
  expiredAs: 'gone' | 'syncStateNotFound' | 'syncStateInvalid' = 'syncStateNotFound';
  private nextId = 1;

  changeKey(contact: StoredContact): string {
    return createHash('sha256').update(`${contact.id}\u0000${contact.version}`).digest('base64url').slice(0, 22);
  }

  etag(contact: StoredContact): string {
    return `W/"${this.changeKey(contact)}"`;
  }

  /** The contact as Graph shows it: id, etag and changeKey, and its properties (all, or `select`). */
  render(contact: StoredContact, select: readonly string[] | null): Record<string, unknown> {
    const out: Record<string, unknown> = { '@odata.etag': this.etag(contact), id: contact.id };
    const keys = select ?? Object.keys(contact.props);
    for (const key of keys) if (Object.hasOwn(contact.props, key)) out[key] = contact.props[key];
    if (select === null || select.includes('changeKey')) out['changeKey'] = this.changeKey(contact);
    return out;
  }

  create(props: Record<string, unknown>, extended: ReadonlyMap<string, string> = new Map()): StoredContact {
    const id = `AAMkAGI${String(this.nextId++).padStart(6, '0')}AAA=`;
    const seq = ++this.seq;
    const contact: StoredContact = {
      id,
      props: { ...props },
      version: 1,
      createdSeq: seq,
      changedAt: new Map(Object.keys(props).map((k) => [k, seq])),
      extended,
    };
    this.contacts.set(id, contact);
    this.lastChange.set(id, { seq, removed: null });
    return contact;
  }

  /** Sets the given properties; returns the new state, or null when the contact does not exist. */
  patch(id: string, props: Readonly<Record<string, unknown>>): StoredContact | null {
    const current = this.contacts.get(id);
    if (current === undefined) return null;
    const seq = ++this.seq;
    const changedAt = new Map(current.changedAt);
    const next = { ...current.props };
    for (const [key, value] of Object.entries(props)) {
      if (JSON.stringify(next[key]) !== JSON.stringify(value)) changedAt.set(key, seq);
      next[key] = value;
    }
    const contact: StoredContact = { ...current, props: next, version: current.version + 1, changedAt };
    this.contacts.set(id, contact);
    this.lastChange.set(id, { seq, removed: null });
    return contact;
  }

  remove(id: string, reason: 'deleted' | 'changed'): boolean {
    if (!this.contacts.delete(id)) return false;
    this.lastChange.set(id, { seq: ++this.seq, removed: reason });
    return true;
  }

  /** Ids changed (created, updated or removed) after `seq`, oldest change first. */
  changedSince(seq: number): string[] {
    return [...this.lastChange]
      .filter(([, c]) => c.seq > seq)
      .sort((a, b) => a[1].seq - b[1].seq)
      .map(([id]) => id);
  }

  reset(): void {
    this.contacts.clear();
    this.lastChange.clear();
    this.epoch++;
    this.expiredAs = 'syncStateNotFound';
  }

  expireTokens(how: 'gone' | 'syncStateNotFound' | 'syncStateInvalid'): void {
    this.epoch++;
    this.expiredAs = how;
  }
}
