import { SyncError } from '../errors.js';
import type { ContactSyncState } from '../model/conflict-record.js';
import { CONFLICT_MESSAGES } from '../model/conflict-messages.js';
import type { ContactDraft } from '../model/contact.js';
import type { RemoteContact } from '../service/remote-contact.js';
import type { ConflictRow, OutboxClaim, OutboxEntry } from './schema.js';

/**
 * The one place a contact's sync state changes. Every event a contact's replica row and outbox entry
 * go through, on the pull path, the push path and from the user, is a `ContactEvent`; `transition`
 * says what the row's badge becomes and what happens to the outbox entry. Pure: callers write the
 * result (row content, IndexedDB) themselves. The table is in docs/engine-port.md ("The contact
 * state machine") and checked cell by cell in contact-transitions.test.ts.
 */

/** A row's badge, or `absent`: this device holds no row for the contact (never had, or deleted). */
export type ContactStanding = ContactSyncState | 'absent';

export interface ContactPosition {
  readonly contactId: string;
  readonly state: ContactStanding;
  readonly entry: OutboxEntry | undefined;
}

export interface Rejection {
  readonly code: string;
  readonly userMessage: string;
}

/** What a merge of the local change with a newer server record came to (see merge-decision.ts). */
export type MergeVerdict =
  /** The merge equals the server's record: nothing is left to send. */
  | { readonly kind: 'settled' }
  /** The merge differs from the server's record: sent again against it. */
  | { readonly kind: 'resubmit' }
  /** The service would refuse the merge: held as a refused change until the user edits it. */
  | { readonly kind: 'refused'; readonly rejection: Rejection };

export type ContactEvent =
  /** The user created or edited the contact (also a category rename applied contact by contact). */
  | { readonly type: 'edited'; readonly at: number; readonly base: RemoteContact | null }
  /** The user deleted the contact; `base` is the server record the row stood for, if any. */
  | { readonly type: 'removed'; readonly at: number; readonly base: RemoteContact | null }
  /** A push claimed the entry to send it; `sent` is a create's content (the create becomes unconfirmed). */
  | { readonly type: 'claimed'; readonly claim: OutboxClaim; readonly sent?: ContactDraft }
  /** The claimant is done with the entry without settling it. */
  | { readonly type: 'released'; readonly owner: string }
  /** A create sent without an answer surely did not reach the server: send it again. */
  | { readonly type: 'unsent' }
  /** The server applied the write; `record` is its state after it (undefined for a delete). */
  | { readonly type: 'accepted'; readonly sentSeq: number; readonly record: RemoteContact | undefined; readonly at: number }
  /** The server refused the content. */
  | { readonly type: 'rejected'; readonly sentSeq: number; readonly rejection: Rejection }
  /** The local change was merged with `record`, a newer server state (push conflict or pull). */
  | { readonly type: 'merged'; readonly record: RemoteContact; readonly verdict: MergeVerdict }
  /** The merge-and-resubmit cap was reached in this sync. */
  | { readonly type: 'conflict' }
  /** The server no longer has the contact (a pulled delete, a 404, a conflict with no current record). */
  | { readonly type: 'gone' }
  /** A server record applied by a pull where no local change is to be merged. */
  | { readonly type: 'remote-upsert' }
  /** An unconfirmed create was found on the server: bind to `record` (a merge follows). */
  | { readonly type: 'adopted'; readonly record: RemoteContact }
  /** Another device re-created the same deleted record: join its copy (a merge follows). */
  | { readonly type: 'rejoined' }
  /** The user asked to send a stuck or refused change again. */
  | { readonly type: 'retried' }
  /** The user discarded the change: back to the server's state. */
  | { readonly type: 'discarded' };

export type ContactEventType = ContactEvent['type'];

export type OutboxEffect = { readonly kind: 'keep' } | { readonly kind: 'put'; readonly entry: OutboxEntry } | { readonly kind: 'drop' };

/** An inbox record a transition leaves (its user-facing text). */
export type ConflictNote = Omit<ConflictRow, 'contactId' | 'at'>;

export type ContactTransition =
  | {
      readonly ok: true;
      /** The row's next badge; `absent`: the row is deleted, or stays absent. */
      readonly state: ContactStanding;
      readonly outbox: OutboxEffect;
      readonly note?: ConflictNote;
    }
  /** The event cannot happen to a contact in this position: nothing changes, and `reason` says why. */
  | { readonly ok: false; readonly reason: string };

/** Where a contact stands, from its row (undefined when this device holds none) and its entry. */
export function positionOf(
  contactId: string,
  row: { readonly state: ContactSyncState } | undefined,
  entry: OutboxEntry | undefined,
): ContactPosition {
  return { contactId, state: row?.state ?? 'absent', entry };
}

export type AcceptedTransition = Extract<ContactTransition, { ok: true }>;

/** The transition of an edit, which leaves a row: refused or absent, the row went (deleted meanwhile). */
export function expectRow(t: ContactTransition): AcceptedTransition & { readonly state: ContactSyncState } {
  if (!t.ok || t.state === 'absent') throw new SyncError('not-found', 'This contact no longer exists.');
  return { ...t, state: t.state };
}

export function transition(position: ContactPosition, event: ContactEvent): ContactTransition {
  const { contactId, state, entry } = position;
  const present = state !== 'absent';
  switch (event.type) {
    case 'edited': {
      if (!present && (entry !== undefined || event.base !== null)) return refuse('only a new contact is edited without a row');
      if (entry === undefined) {
        const kind = event.base === null ? 'create' : 'update';
        return move('pending', put({ contactId, kind, base: event.base, seq: 1, status: 'ready', enqueuedAt: event.at }));
      }
      // A refused or stuck change that the user edits again is worth sending again.
      const status = entry.status === 'rejected' || entry.status === 'conflict' ? 'ready' : entry.status;
      return move('pending', put({ ...omit(entry, 'rejection'), seq: entry.seq + 1, status }));
    }
    case 'removed': {
      if (!present) return refuse('removing what is gone is done');
      if (entry === undefined) {
        if (event.base === null) return move('absent', KEEP);
        return move('absent', put({ contactId, kind: 'delete', base: event.base, seq: 1, status: 'ready', enqueuedAt: event.at }));
      }
      // A create the server never saw is simply forgotten. An update's base is the record to delete;
      // an unconfirmed create keeps `sent`, so a pull that finds it on the server deletes it there.
      if (entry.kind === 'create' && entry.status !== 'ambiguous') return move('absent', DROP);
      const status = entry.status === 'ambiguous' ? 'ambiguous' : 'ready';
      return move('absent', put({ ...omit(entry, 'rejection'), kind: 'delete', seq: entry.seq + 1, status }));
    }
    case 'claimed': {
      if (entry === undefined || (entry.status !== 'ready' && entry.status !== 'conflict'))
        return refuse('only a sendable entry is claimed');
      const claimed: OutboxEntry = { ...entry, claim: event.claim };
      // Marked unconfirmed in the claim's transaction: if the answer is lost, a pull looks for it.
      return move(state, put(event.sent === undefined ? claimed : { ...claimed, status: 'ambiguous', sent: event.sent }));
    }
    case 'released':
      if (entry === undefined) return refuse('nothing is queued');
      return move(state, entry.claim?.owner === event.owner ? put(omit(entry, 'claim')) : KEEP);
    case 'unsent': {
      if (entry?.status !== 'ambiguous') return refuse('only an unconfirmed create can be found unsent');
      // Deleted here meanwhile: nothing reached the server, so nothing is left to delete there.
      if (entry.kind === 'delete' && entry.base === null) return move(state, DROP);
      const { sent: _sent, claim: _claim, ...rest } = entry;
      return move(state, put({ ...rest, status: 'ready' }));
    }
    case 'accepted':
      return accepted(position, event);
    case 'rejected': {
      if (entry === undefined) return refuse('nothing is queued');
      if (entry.seq !== event.sentSeq) return move(state, KEEP); // Edited meanwhile: the edit is sent next.
      return move(present ? 'rejected' : state, put({ ...omit(entry, 'sent'), status: 'rejected', rejection: event.rejection }));
    }
    case 'merged':
      return merged(position, event.record, event.verdict);
    case 'conflict':
      if (entry === undefined || (entry.status !== 'ready' && entry.status !== 'conflict'))
        return refuse('only a sendable entry runs out of rounds');
      return move(present ? 'conflict' : state, put({ ...entry, status: 'conflict' }), note('unresolved', CONFLICT_MESSAGES.unresolved));
    case 'gone':
      return gone(position);
    case 'remote-upsert':
      if (entry === undefined) return move('synced', KEEP);
      // Deleted here, edited there: the edit wins and the contact comes back.
      if (entry.kind === 'delete') return move('synced', DROP, note('delete-undone', CONFLICT_MESSAGES.deleteUndone));
      return refuse('a local change is pending: it is merged, not overwritten');
    case 'adopted': {
      if (entry?.status !== 'ambiguous') return refuse('only an unconfirmed create is adopted');
      const rest = omit(entry, 'sent');
      if (entry.kind === 'delete') return move(state, put({ ...rest, base: event.record, status: 'ready' }));
      if (!present) return move(state, DROP);
      // What was sent is the merge base: the server's copy may differ from it, and so may the row.
      const base = { ...event.record, contact: entry.sent ?? event.record.contact };
      return move(state, put({ ...rest, kind: 'update', base, status: 'ready' }));
    }
    case 'rejoined':
      if (!present || entry?.kind !== 'create' || entry.origin === undefined) return refuse('only a re-created contact rejoins');
      return move(state, put({ ...omit(entry, 'origin'), kind: 'update', base: entry.origin, seq: entry.seq + 1 }));
    case 'retried':
      if (entry === undefined) return refuse('nothing is queued');
      return move(present ? 'pending' : state, put({ ...omit(entry, 'rejection'), status: 'ready' }));
    case 'discarded':
      if (entry === undefined) return refuse('nothing is queued');
      return move(entry.base === null ? 'absent' : 'synced', DROP);
  }
}

function accepted(position: ContactPosition, event: Extract<ContactEvent, { type: 'accepted' }>): ContactTransition {
  const { contactId, state, entry } = position;
  const editedMeanwhile = entry !== undefined && entry.seq !== event.sentSeq;
  const { record } = event;
  // Without the server's record the row cannot stand for a new version: its badge waits for the
  // pull that brings one.
  if (record === undefined) return move(state, entry !== undefined && !editedMeanwhile ? DROP : KEEP);
  const next = state === 'absent' ? 'absent' : editedMeanwhile ? 'pending' : 'synced';
  if (entry === undefined) {
    // Deleted here while its create was out: the server's new copy is deleted too.
    if (state === 'absent')
      return move(next, put({ contactId, kind: 'delete', base: record, seq: 1, status: 'ready', enqueuedAt: event.at }));
    return move(next, KEEP);
  }
  if (!editedMeanwhile) return move(next, DROP);
  // The edit made while the request was out is sent next, against the record just written.
  const { origin: _origin, sent: _sent, ...rest } = entry;
  return move(next, put({ ...rest, kind: entry.kind === 'delete' ? 'delete' : 'update', base: record, status: 'ready' }));
}

function merged(position: ContactPosition, record: RemoteContact, verdict: MergeVerdict): ContactTransition {
  const { state, entry } = position;
  if (state === 'absent' || entry === undefined || entry.kind === 'delete') return refuse('only a pending edit is merged');
  const rest = omit(entry, 'rejection');
  switch (verdict.kind) {
    case 'settled':
      return move('synced', DROP);
    case 'refused':
      return move('rejected', put({ ...rest, base: record, seq: entry.seq + 1, status: 'rejected', rejection: verdict.rejection }));
    case 'resubmit': {
      // A refused change the server's change made worth sending again is ready; any other keeps its status.
      const status = entry.status === 'rejected' ? 'ready' : entry.status;
      return move('pending', put({ ...rest, base: record, seq: entry.seq + 1, status }));
    }
  }
}

/** An edit beats a remote delete: the contact is sent again as a new one, remembering what it was. */
function gone(position: ContactPosition): ContactTransition {
  const { state, entry } = position;
  if (entry === undefined) return state === 'absent' ? refuse('nothing here to remove') : move('absent', KEEP);
  if (entry.kind === 'delete') return move('absent', DROP); // Deleted on both sides.
  if (state === 'absent') return refuse('no row to send again');
  const origin = entry.base ?? undefined;
  const recreated: OutboxEntry = {
    ...entry,
    kind: 'create',
    base: null,
    status: 'ready',
    seq: entry.seq + 1,
    ...(origin ? { origin } : {}),
  };
  return move('pending', put(recreated), note('recreated', CONFLICT_MESSAGES.recreated));
}

const KEEP: OutboxEffect = { kind: 'keep' };
const DROP: OutboxEffect = { kind: 'drop' };

function put(entry: OutboxEntry): OutboxEffect {
  return { kind: 'put', entry };
}

function move(state: ContactStanding, outbox: OutboxEffect, withNote?: ConflictNote): ContactTransition {
  return withNote === undefined ? { ok: true, state, outbox } : { ok: true, state, outbox, note: withNote };
}

function note(kind: ConflictNote['kind'], message: string): ConflictNote {
  return { kind, fields: [], message };
}

function refuse(reason: string): ContactTransition {
  return { ok: false, reason };
}

function omit<K extends keyof OutboxEntry>(entry: OutboxEntry, key: K): Omit<OutboxEntry, K> {
  const { [key]: _dropped, ...rest } = entry;
  return rest;
}
