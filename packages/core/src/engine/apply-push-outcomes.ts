import type { ServiceRules } from '../merge/service-rules.js';
import { isRequestFailure, type OperationOutcome } from '../policy/outcome.js';
import type { RemoteContact } from '../service/contact-service.js';
import type { ConflictRow, ContactRow, OutboxEntry, ReplicaDb } from '../replica/schema.js';
import { rebaseRow, rowFromRemote } from '../replica/rows.js';
import { storageTransaction } from '../replica/storage-error.js';
import type { SentOperation } from './push-batch.js';
import { addTally, emptyPushTally, type PushTally } from './push-tally.js';
import { CONFLICT_MESSAGES } from './conflict-messages.js';
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
    const entry = await db.outbox.get(item.entry.contactId);
    if (entry?.claim?.owner === owner) {
      const { claim: _claim, ...rest } = entry;
      await db.outbox.put(rest);
    }
  }
}

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
  const entry = await db.outbox.get(id);
  const row = await db.contacts.get(id);
  const log = (conflict: Omit<ConflictRow, 'contactId' | 'at'>) => db.conflicts.add({ ...conflict, contactId: id, at: now });
  const editedMeanwhile = entry !== undefined && entry.seq !== item.entry.seq;

  if (isRequestFailure(outcome)) {
    tally.failure ??= outcome;
    // A create that may have reached the server stays unconfirmed (see recordIntent) until a pull
    // has looked for it; one that surely did not is ready to send again.
    const maybeCommitted = outcome.kind === 'failed' && outcome.maybeCommitted;
    if (op.kind === 'create' && entry !== undefined && entry.status === 'ambiguous' && !maybeCommitted) {
      await db.outbox.put({ ...withoutIntent(entry), status: 'ready' });
    }
    return false;
  }

  switch (outcome.kind) {
    case 'ok': {
      if (op.kind === 'delete') tally.removed++;
      else if (op.kind === 'create') tally.created++;
      else tally.updated++;
      const record = outcome.record;
      if (op.kind === 'delete' || record === undefined) {
        if (entry !== undefined && !editedMeanwhile) await db.outbox.delete(id);
        return false;
      }
      await settle(db, id, entry, editedMeanwhile, record, now);
      return false;
    }
    case 'conflict': {
      const current = outcome.current;
      if (current === null) return recreate(db, id, entry, row, log, op.kind === 'delete');
      if (op.kind === 'delete') {
        if (entry !== undefined) await db.outbox.delete(id);
        await db.contacts.put(rowFromRemote(id, current, now));
        await log({ kind: 'delete-undone', fields: [], message: CONFLICT_MESSAGES.deleteUndone });
        tally.merged++;
        return false;
      }
      if (entry === undefined || row === undefined || entry.base === null) return false;
      const decision = decideMerge(rules, row, entry, current, now);
      await db.contacts.put(decision.row);
      if (decision.entry === null) await db.outbox.delete(id);
      else await db.outbox.put(decision.entry);
      for (const note of decision.notes) await log(note);
      tally.merged++;
      return decision.entry?.status === 'ready';
    }
    case 'gone':
      return recreate(db, id, entry, row, log, op.kind === 'delete');
    case 'rejected': {
      tally.rejected.push({
        contactId: id,
        operation: op.kind === 'create' || op.kind === 'update' || op.kind === 'delete' ? op.kind : 'update',
        code: outcome.code,
        userMessage: outcome.userMessage,
      });
      if (entry !== undefined && !editedMeanwhile) {
        await db.outbox.put({
          ...withoutIntent(entry),
          status: 'rejected',
          rejection: { code: outcome.code, userMessage: outcome.userMessage },
        });
        if (row !== undefined) await db.contacts.put({ ...row, state: 'rejected' });
      }
      await log({ kind: 'rejected', fields: [], message: outcome.userMessage, code: outcome.code });
      return false;
    }
    case 'category-conflict':
      return false; // Not an outcome of a contact operation; an adapter bug, left queued.
  }
}

/**
 * The server accepted the write. The row keeps what the user wrote (a service may not store every
 * field) and now stands for `record`. If the user edited meanwhile, that edit is sent next against
 * the new base; if the user deleted a contact whose create was in flight, the server copy is deleted.
 */
async function settle(
  db: ReplicaDb,
  id: string,
  entry: OutboxEntry | undefined,
  editedMeanwhile: boolean,
  record: RemoteContact,
  now: number,
): Promise<void> {
  const row = await db.contacts.get(id);
  if (row !== undefined) await db.contacts.put({ ...rebaseRow(row, record), state: editedMeanwhile ? 'pending' : 'synced' });
  if (entry === undefined) {
    if (row === undefined) await db.outbox.put({ contactId: id, kind: 'delete', base: record, seq: 1, status: 'ready', enqueuedAt: now });
    return;
  }
  if (!editedMeanwhile) {
    await db.outbox.delete(id);
    return;
  }
  const { origin: _origin, ...rest } = withoutIntent(entry);
  await db.outbox.put({ ...rest, kind: entry.kind === 'delete' ? 'delete' : 'update', base: record, status: 'ready' });
}

/** The server no longer has the contact. An edit beats that delete: it becomes a create. */
async function recreate(
  db: ReplicaDb,
  id: string,
  entry: OutboxEntry | undefined,
  row: ContactRow | undefined,
  log: (conflict: Omit<ConflictRow, 'contactId' | 'at'>) => Promise<unknown>,
  wasDelete: boolean,
): Promise<boolean> {
  if (wasDelete || row === undefined || entry === undefined) {
    if (entry !== undefined && entry.kind === 'delete') await db.outbox.delete(id);
    return false;
  }
  await db.contacts.put({ ...rebaseRow(row, null), state: 'pending' });
  const origin = entry.base ?? undefined;
  await db.outbox.put({ ...entry, kind: 'create', base: null, status: 'ready', seq: entry.seq + 1, ...(origin ? { origin } : {}) });
  await log({ kind: 'recreated', fields: [], message: CONFLICT_MESSAGES.recreated });
  return true;
}

function withoutIntent(entry: OutboxEntry): OutboxEntry {
  const { sent: _sent, ...rest } = entry;
  return rest;
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
