import { applyRemoteChanges } from './apply-remote-changes.js';
import { applyPushOutcomes } from './apply-push-outcomes.js';
import { readReadyOperations, type SentOperation } from './push-batch.js';
import type { PushTally } from './push-tally.js';
import type { RunContext } from './run-context.js';
import { updateSyncState } from '../replica/sync-state.js';
import { storageTransaction } from '../replica/storage-error.js';

/**
 * Sends the outbox, merging and resubmitting conflicts, for at most `maxConflictRounds` rounds per
 * contact; past that a contact's change stays queued and is reported as an unresolved conflict.
 * No transaction is open while a request is out. Stops at the first request failure.
 */
export async function runPush(ctx: RunContext, tally: PushTally): Promise<void> {
  const { db, service } = ctx;
  const rounds = new Map<string, number>();
  const exhausted = new Set<string>();
  ctx.onPhase('pushing');
  let done = 0;

  for (let pass = 0; pass <= ctx.maxConflictRounds; pass++) {
    const ready = await readReadyOperations(db, exhausted);
    if (ready.length === 0) return;
    const total = done + ready.length;
    ctx.onProgress(done, total);
    for (let start = 0; start < ready.length; start += service.traits.maxBatchSize) {
      const batch = ready.slice(start, start + service.traits.maxBatchSize);
      await recordIntent(ctx, batch);
      const outcome = await service.push({ operations: batch.map((s) => s.op), cursor: ctx.cursor });
      if (outcome.kind !== 'results') {
        await applyPushOutcomes(db, ctx.rules, ctx.now(), batch, batch.map(() => outcome), tally);
        return;
      }
      if (outcome.results.length !== batch.length) {
        ctx.logger?.warn('push: the service answered a different number of operations than were sent', {
          sent: batch.length,
          answered: outcome.results.length,
        });
      }
      ctx.onPhase('merging');
      const resubmit = await applyPushOutcomes(db, ctx.rules, ctx.now(), batch, outcome.results, tally);
      if (outcome.pulled) {
        const cursor = outcome.pulled.cursor;
        await applyRemoteChanges(
          { db, now: ctx.now, newId: ctx.newId, chunkSize: ctx.chunkSize, counts: ctx.counts, rules: ctx.rules, written: new Map(), replicaWasEmpty: false },
          outcome.pulled.changes,
          async () => {
            await updateSyncState(db, { cursor });
          },
        );
        ctx.cursor = cursor;
      }
      await countRounds(ctx, resubmit, rounds, exhausted);
      done += batch.length;
      ctx.onPhase('pushing');
      ctx.onProgress(done, total);
      if (tally.failure !== null) return;
    }
  }
}

/**
 * Before a create leaves, its entry is marked as sent-but-unconfirmed, in its own transaction. If
 * the app dies before the answer is stored, the next sync looks for the contact on the server
 * (adopting it) instead of creating it twice. An answer that says nothing was written clears it.
 */
async function recordIntent(ctx: RunContext, batch: readonly SentOperation[]): Promise<void> {
  const creates = batch.filter((s) => s.op.kind === 'create' && s.target === 'contact');
  if (creates.length === 0) return;
  const { db } = ctx;
  await storageTransaction(db, 'rw', [db.outbox], async () => {
    for (const item of creates) {
      if (item.op.kind !== 'create') continue;
      const entry = await db.outbox.get(item.op.opId);
      if (entry !== undefined && entry.kind === 'create') await db.outbox.put({ ...entry, status: 'ambiguous', sent: item.op.contact });
    }
  });
}

/** Counts merge rounds per contact; a contact past the cap becomes a visible, unresolved conflict. */
async function countRounds(ctx: RunContext, resubmit: ReadonlySet<string>, rounds: Map<string, number>, exhausted: Set<string>): Promise<void> {
  const over: string[] = [];
  for (const id of resubmit) {
    const count = (rounds.get(id) ?? 0) + 1;
    rounds.set(id, count);
    if (count >= ctx.maxConflictRounds) over.push(id);
  }
  if (over.length === 0) return;
  const { db } = ctx;
  await storageTransaction(db, 'rw', [db.contacts, db.outbox, db.conflicts], async () => {
    for (const id of over) {
      exhausted.add(id);
      const entry = await db.outbox.get(id);
      if (entry === undefined || (entry.status !== 'ready' && entry.status !== 'conflict')) continue;
      await db.outbox.put({ ...entry, status: 'conflict' });
      const row = await db.contacts.get(id);
      if (row !== undefined) await db.contacts.put({ ...row, state: 'conflict' });
      await db.conflicts.add({
        contactId: id,
        kind: 'unresolved',
        at: ctx.now(),
        fields: [],
        message: 'This contact keeps changing on another device, so your changes could not be saved yet. They are kept here; try again later.',
      });
    }
  });
}

