import { pickDraft } from '../model/draft.js';
import { withDeviceOnly } from '../model/device-only.js';
import { closestCandidate, nameIdentityOf } from '../merge/identity.js';
import type { ServiceRules } from '../merge/service-rules.js';
import type { RemoteChange, RemoteContact } from '../service/contact-service.js';
import type { ConflictRow, ContactRow, OutboxEntry } from '../replica/schema.js';
import { rebaseRow, rowFromRemote } from '../replica/rows.js';
import {
  positionOf,
  transition,
  type ConflictNote,
  type ContactEvent,
  type ContactTransition,
  type OutboxEffect,
} from '../replica/contact-transitions.js';
import { decideMerge } from './merge-decision.js';

export interface PullCounts {
  added: number;
  updated: number;
  removed: number;
  merged: number;
}

/**
 * The in-memory state of one chunk of remote changes being applied: what the replica holds (loaded
 * in the chunk's transaction) and what is to be written back. Changes are planned one by one so a
 * record that appears twice in a chunk is handled like two changes in a row.
 */
export class RemoteChangePlan {
  readonly rowPuts = new Map<string, ContactRow>();
  readonly rowDeletes = new Set<string>();
  readonly entryPuts = new Map<string, OutboxEntry>();
  readonly entryDeletes = new Set<string>();
  readonly conflicts: ConflictRow[] = [];
  /** Contacts whose refused change the server's change settled or re-opened: their refusal records go. */
  readonly clearedRejections = new Set<string>();

  private readonly rowsByRemoteId = new Map<string, ContactRow>();
  private readonly entriesByContactId = new Map<string, OutboxEntry>();
  private readonly deletesByRemoteId = new Map<string, OutboxEntry>();
  /** Creates sent without an answer, and contacts re-created after a remote delete, by name. */
  private readonly ambiguousByName = new MultiMap<OutboxEntry>();
  private readonly resurrectedByName = new MultiMap<OutboxEntry>();

  constructor(
    rows: readonly ContactRow[],
    entries: readonly OutboxEntry[],
    private readonly now: number,
    private readonly newId: () => string,
    private readonly counts: PullCounts,
    private readonly rules: ServiceRules,
  ) {
    for (const row of rows) if (row.remoteId !== undefined) this.rowsByRemoteId.set(row.remoteId, row);
    for (const entry of entries) this.indexEntry(entry);
  }

  /** The local row that now stands for a server id, after the changes planned so far. */
  localIdOf(remoteId: string): string | undefined {
    return this.rowsByRemoteId.get(remoteId)?.id;
  }

  apply(change: RemoteChange): void {
    if (change.kind === 'upsert') this.upsert(change.record);
    else this.remove(change.remoteId);
  }

  private upsert(record: RemoteContact): void {
    const row = this.rowsByRemoteId.get(record.remoteId);
    if (row === undefined) {
      const deleted = this.deletesByRemoteId.get(record.remoteId);
      if (deleted !== undefined) return this.undoLocalDelete(deleted, record);
      const name = nameIdentityOf(record.contact);
      const ambiguous = closestCandidate(this.ambiguousByName.get(name), (e) => e.sent ?? record.contact, record.contact);
      if (ambiguous !== undefined) return this.adopt(ambiguous, record);
      const resurrected = closestCandidate(this.resurrectedByName.get(name), (e) => e.origin?.contact ?? record.contact, record.contact);
      if (resurrected !== undefined) return this.joinResurrection(resurrected, record);
      const id = this.newId();
      const t = this.step(id, undefined, undefined, { type: 'remote-upsert' });
      if (t === null || t.state === 'absent') return;
      this.putRow(rowFromRemote(id, record, this.now, t.state));
      this.counts.added++;
      return;
    }
    const entry = this.entriesByContactId.get(row.id);
    if (entry === undefined) {
      if (row.version === record.version) return; // An echo, or seen before: nothing changed.
      const t = this.step(row.id, row, entry, { type: 'remote-upsert' });
      if (t === null || t.state === 'absent') return;
      // Values the service cannot store stay on this device through the server's edits.
      this.putRow({
        ...rowFromRemote(row.id, record, this.now, t.state),
        ...withDeviceOnly(record.contact, pickDraft(row), this.rules.model),
      });
      this.counts.updated++;
      return;
    }
    if (entry.base === null || entry.base.version === record.version) return; // Already merged with this.
    this.mergeInto(row, entry, record);
  }

  private remove(remoteId: string): void {
    const row = this.rowsByRemoteId.get(remoteId);
    if (row === undefined) {
      const deleted = this.deletesByRemoteId.get(remoteId);
      if (deleted !== undefined) this.step(deleted.contactId, undefined, deleted, { type: 'gone' }); // Deleted on both sides.
      return;
    }
    const t = this.step(row.id, row, this.entriesByContactId.get(row.id), { type: 'gone' });
    if (t === null) return;
    this.rowsByRemoteId.delete(remoteId);
    if (t.state === 'absent') {
      this.rowDeletes.add(row.id);
      this.rowPuts.delete(row.id);
      this.counts.removed++;
      return;
    }
    // An edit beats a remote delete: the contact is sent again as a new one.
    this.putRow({ ...rebaseRow(row, null), state: t.state });
  }

  private mergeInto(row: ContactRow, entry: OutboxEntry, record: RemoteContact): void {
    const decision = decideMerge(this.rules, row, entry, record, this.now);
    if (decision === null) return;
    this.putRow(decision.row);
    this.writeEntry(row.id, decision.outbox);
    if (decision.clearsRejection) this.clearedRejections.add(row.id);
    for (const note of decision.notes) this.log(row.id, note);
    this.counts.merged++;
    this.counts.updated++;
  }

  /** A contact deleted here but edited on the server: the edit wins and the contact comes back. */
  private undoLocalDelete(entry: OutboxEntry, record: RemoteContact): void {
    if (entry.base?.version === record.version) return;
    const t = this.step(entry.contactId, undefined, entry, { type: 'remote-upsert' });
    if (t === null || t.state === 'absent') return;
    this.putRow(rowFromRemote(entry.contactId, record, this.now, t.state));
    this.counts.added++;
  }

  /**
   * A create whose result was lost has come back from the server: bind to it instead of re-sending,
   * merging what was sent (base), what is here now (local) and the server's copy (remote).
   */
  private adopt(entry: OutboxEntry, record: RemoteContact): void {
    const local = this.rowPuts.get(entry.contactId) ?? this.rowsById.get(entry.contactId);
    const t = this.step(entry.contactId, local, entry, { type: 'adopted', record });
    if (t?.outbox.kind === 'put' && local !== undefined && entry.kind !== 'delete') this.mergeInto(local, t.outbox.entry, record);
  }

  /**
   * Another device re-created, from the same deleted record, a contact this one re-created too:
   * merge into that copy (both edits against the deleted record as base) instead of adding a twin.
   */
  private joinResurrection(entry: OutboxEntry, record: RemoteContact): void {
    const local = this.rowPuts.get(entry.contactId) ?? this.rowsById.get(entry.contactId);
    const t = this.step(entry.contactId, local, entry, { type: 'rejoined' });
    if (t?.outbox.kind === 'put' && local !== undefined) this.mergeInto(local, t.outbox.entry, record);
  }

  private readonly rowsById = new Map<string, ContactRow>();

  /** Rows of ambiguous creates are loaded by id, as they have no server id yet. */
  addUnsyncedRows(rows: readonly ContactRow[]): void {
    for (const row of rows) this.rowsById.set(row.id, row);
  }

  /**
   * Runs one event through the contact transitions and plans its outbox effect and inbox record;
   * the row's content is the caller's. Null when the event does not apply (nothing is planned).
   */
  private step(
    contactId: string,
    row: ContactRow | undefined,
    entry: OutboxEntry | undefined,
    event: ContactEvent,
  ): Extract<ContactTransition, { ok: true }> | null {
    const t = transition(positionOf(contactId, row, entry), event);
    if (!t.ok) return null;
    this.writeEntry(contactId, t.outbox);
    if (t.note !== undefined) this.log(contactId, t.note);
    return t;
  }

  private writeEntry(contactId: string, effect: OutboxEffect): void {
    if (effect.kind === 'put') this.putEntry(effect.entry);
    else if (effect.kind === 'drop') this.dropEntry(contactId);
  }

  private putRow(row: ContactRow): void {
    this.rowPuts.set(row.id, row);
    this.rowDeletes.delete(row.id);
    if (row.remoteId !== undefined) this.rowsByRemoteId.set(row.remoteId, row);
  }

  private putEntry(entry: OutboxEntry): void {
    this.unindexEntry(entry.contactId);
    this.entryPuts.set(entry.contactId, entry);
    this.entryDeletes.delete(entry.contactId);
    this.indexEntry(entry);
  }

  private dropEntry(contactId: string): void {
    this.unindexEntry(contactId);
    this.entryPuts.delete(contactId);
    this.entryDeletes.add(contactId);
  }

  private indexEntry(entry: OutboxEntry): void {
    this.entriesByContactId.set(entry.contactId, entry);
    if (entry.kind === 'delete' && entry.base !== null) this.deletesByRemoteId.set(entry.base.remoteId, entry);
    if (entry.status === 'ambiguous' && entry.sent !== undefined) this.ambiguousByName.add(nameIdentityOf(entry.sent), entry);
    if (entry.kind === 'create' && entry.origin !== undefined) this.resurrectedByName.add(nameIdentityOf(entry.origin.contact), entry);
  }

  private unindexEntry(contactId: string): void {
    const entry = this.entriesByContactId.get(contactId);
    if (entry === undefined) return;
    this.entriesByContactId.delete(contactId);
    if (entry.kind === 'delete' && entry.base !== null) this.deletesByRemoteId.delete(entry.base.remoteId);
    if (entry.sent !== undefined) this.ambiguousByName.remove(nameIdentityOf(entry.sent), (e) => e.contactId === contactId);
    if (entry.origin !== undefined) this.resurrectedByName.remove(nameIdentityOf(entry.origin.contact), (e) => e.contactId === contactId);
  }

  private log(contactId: string, note: ConflictNote): void {
    this.conflicts.push({ ...note, contactId, at: this.now });
  }
}

class MultiMap<T> {
  private readonly map = new Map<string, T[]>();
  get(key: string): readonly T[] {
    return this.map.get(key) ?? [];
  }
  add(key: string, value: T): void {
    this.map.set(key, [...this.get(key), value]);
  }
  remove(key: string, match: (value: T) => boolean): void {
    const kept = this.get(key).filter((v) => !match(v));
    if (kept.length === 0) this.map.delete(key);
    else this.map.set(key, kept);
  }
}
