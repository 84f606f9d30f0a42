import type { ServiceRules } from '../merge/service-rules.js';
import { isRequestFailure, type OperationOutcome } from '../policy/outcome.js';
import type { ContactSyncState } from '../model/conflict-record.js';
import type { RemoteContact } from '../service/contact-service.js';
import type { ContactRow, ReplicaDb } from '../replica/schema.js';
import { rebaseRow, rowFromRemote } from '../replica/rows.js';
import { storageTransaction } from '../replica/storage-error.js';
import { positionOf, transition, type ConflictNote, type ContactEvent, type ContactStanding } from '../replica/contact-transitions.js';
import { writeOutboxEffect, writeTransition } from '../replica/write-transition.js';
import type { SentOperation } from './push-batch.js';
import { addTally, emptyPushTally, type PushTally } from './push-tally.js';
import { decideMerge } from './merge-decision.js';

/**
 * Applies one push's outcomes in one transaction. Each contact's entry and row are re-read, so an
 * edit the user made while the request was out (a higher `seq`) is kept and sent next. The claims
 * this engine took on the batch are released in the same transaction. The tally counts only what
 * committed: it is added to `tally` after the transaction, never before.
 * Returns the contacts that were merged and must be resubmitted.
 */
export async function applyPushOutcomes(
  db: ReplicaDb,
  rules: ServiceRules,
  owner: string,
  now: number,
  sent: readonly SentOperation[],
  results: readonly OperationOutcome[],
  tally: PushTally,
): Promise<Set<string>> {
  const resubmit = new Set<string>();
  const local = emptyPushTally();
  await storageTransaction(db, 'rw', [db.contacts, db.outbox, db.conflicts, db.categoryOps], async () => {
    for (let i = 0; i < sent.length; i++) {
      const item = sent[i] as SentOperation;
      const outcome = results[i];
      if (outcome === undefined) continue;
      if (item.target === 'category') await applyCategoryOutcome(db, item, outcome, now, local);
      else if (await applyContactOutcome(db, rules, item, outcome, now, local)) resubmit.add(item.entry.contactId);
    }
    await releaseClaims(db, owner, sent);
  });
  addTally(tally, local);
  return resubmit;
}

/** Entries of the batch still held by `owner` are free again (an unanswered one, or one to resend). */
async function releaseClaims(db: ReplicaDb, owner: string, sent: readonly SentOperation[]): Promise<void> {
  for (const item of sent) {
    if (item.target === 'category') {
      const id = item.entry.id;
      const entry = id === undefined ? undefined : await db.categoryOps.get(id);
      if (entry?.claim?.owner === owner) {
        const { claim: _claim, ...rest } = entry;
        await db.categoryOps.put(rest);
      }
      continue;
    }
    const id = item.entry.contactId;
    const t = transition(positionOf(id, undefined, await db.outbox.get(id)), { type: 'released', owner });
    if (t.ok) await writeOutboxEffect(db, id, t.outbox);
  }
}

/**
 * One contact's outcome, as an event of the contact transitions: the transition decides the row's
 * badge and the entry; this writes them with the row content the outcome brings. Returns whether
 * the contact is to be sent again in this run (merged, or re-created after the server lost it).
 */
async function applyContactOutcome(
  db: ReplicaDb,
  rules: ServiceRules,
  item: Extract<SentOperation, { target: 'contact' }>,
  outcome: OperationOutcome,
  now: number,
  tally: PushTally,
): Promise<boolean> {
  const { op } = item;
  const id = item.entry.contactId;
  const sentSeq = item.entry.seq;
  const [entry, row] = await Promise.all([db.outbox.get(id), db.contacts.get(id)]);
  const position = positionOf(id, row, entry);
  const rebased = (record: RemoteContact | null) => (state: ContactSyncState) => row && { ...rebaseRow(row, record), state };
  const log = (note: ConflictNote) => db.conflicts.add({ ...note, contactId: id, at: now });
  const apply = async (
    event: ContactEvent,
    content?: (state: ContactSyncState) => ContactRow | undefined,
  ): Promise<ContactStanding | null> => {
    const t = transition(position, event);
    if (!t.ok) return null;
    await writeTransition({ db, contactId: id, row, at: now }, t, content);
    return t.state;
  };

  if (isRequestFailure(outcome)) {
    tally.failure ??= outcome;
    // A create that may have reached the server stays unconfirmed (see claimBatch) until a pull
    // has looked for it; one that surely did not is ready to send again.
    const maybeCommitted = outcome.kind === 'failed' && outcome.maybeCommitted;
    if (op.kind === 'create' && !maybeCommitted) await apply({ type: 'unsent' });
    return false;
  }

  switch (outcome.kind) {
    case 'ok': {
      if (op.kind === 'delete') tally.removed++;
      else if (op.kind === 'create') tally.created++;
      else tally.updated++;
      // The row keeps what the user wrote (a service may not store every field) and now stands for the record.
      const record = op.kind === 'delete' ? undefined : outcome.record;
      await apply({ type: 'accepted', sentSeq, record, at: now }, record && rebased(record));
      return false;
    }
    case 'conflict': {
      const current = outcome.current;
      if (current === null) return (await apply({ type: 'gone' }, rebased(null))) === 'pending';
      if (op.kind === 'delete') {
        // Deleted here, changed there: the change wins.
        if ((await apply({ type: 'remote-upsert' }, (state) => rowFromRemote(id, current, now, state))) !== null) tally.merged++;
        return false;
      }
      if (entry === undefined || row === undefined || entry.base === null) return false;
      const decision = decideMerge(rules, row, entry, current, now);
      if (decision === null) return false;
      await db.contacts.put(decision.row);
      await writeOutboxEffect(db, id, decision.outbox);
      for (const note of decision.notes) await log(note);
      tally.merged++;
      return decision.outbox.kind === 'put' && decision.outbox.entry.status === 'ready';
    }
    case 'gone':
      return (await apply({ type: 'gone' }, rebased(null))) === 'pending';
    case 'rejected': {
      const rejection = { code: outcome.code, userMessage: outcome.userMessage };
      tally.rejected.push({ contactId: id, operation: op.kind === 'create' || op.kind === 'delete' ? op.kind : 'update', ...rejection });
      await apply({ type: 'rejected', sentSeq, rejection });
      await log({ kind: 'rejected', fields: [], message: outcome.userMessage, code: outcome.code });
      return false;
    }
    case 'category-conflict':
      return false; // Not an outcome of a contact operation; an adapter bug, left queued.
  }
}

async function applyCategoryOutcome(
  db: ReplicaDb,
  item: Extract<SentOperation, { target: 'category' }>,
  outcome: OperationOutcome,
  now: number,
  tally: PushTally,
): Promise<void> {
  const id = item.entry.id;
  if (id === undefined) return;
  if (isRequestFailure(outcome)) {
    tally.failure ??= outcome;
    return;
  }
  if (outcome.kind === 'category-conflict' && outcome.currentName !== null && item.entry.kind === 'rename-category') {
    // Renamed elsewhere meanwhile: the local name wins, as for any field changed on both sides.
    await db.categoryOps.put({ ...item.entry, from: outcome.currentName });
    tally.merged++;
    return;
  }
  if (outcome.kind === 'rejected') {
    tally.rejected.push({ contactId: '', operation: 'update', code: outcome.code, userMessage: outcome.userMessage });
    await db.conflicts.add({
      contactId: '',
      kind: 'rejected',
      at: now,
      fields: [{ path: 'categories', localValue: item.entry.to, remoteValue: item.entry.from }],
      message: outcome.userMessage,
      code: outcome.code,
    });
  }
  // Applied, refused, or its category is gone: either way nothing is left to send.
  await db.categoryOps.delete(id);
}
