import { applyRemoteChanges } from './apply-remote-changes.js';
import { applyPushOutcomes } from './apply-push-outcomes.js';
import { claimBatch, countSendable } from './push-batch.js';
import type { PushTally } from './push-tally.js';
import type { RunContext } from './run-context.js';
import { updateSyncState } from '../replica/sync-state.js';
import { storageTransaction } from '../replica/storage-error.js';
import { positionOf, transition } from '../replica/contact-transitions.js';
import { writeTransition } from '../replica/write-transition.js';

/**
 * Sends the outbox batch by batch, merging and resubmitting conflicts, for at most
 * `maxConflictRounds` rounds per contact; past that a contact's change stays queued and is reported
 * as an unresolved conflict. Each batch is claimed first (see claimBatch), so another engine on the
 * same database never sends it too. No transaction is open while a request is out. Stops at the
 * first request failure.
 */
export async function runPush(ctx: RunContext, tally: PushTally): Promise<void> {
  const { db, service } = ctx;
  const rounds = new Map<string, number>();
  const exhausted = new Set<string>();
  // Sends per contact in this run: an outcome that leaves an entry ready without a merge (an
  // adapter answering out of contract) must not loop.
  const sends = new Map<string, number>();
  ctx.onPhase('pushing');
  let done = 0;
  let total = await countSendable(db, ctx.owner, ctx.now());
  ctx.onProgress(done, total);

  for (;;) {
    const batch = await claimBatch(db, {
      owner: ctx.owner,
      now: ctx.now(),
      leaseMs: ctx.leaseMs,
      maxItems: service.traits.maxBatchSize,
      skip: exhausted,
    });
    if (batch.length === 0) return;
    total = Math.max(total, done + batch.length);
    for (const item of batch) {
      if (item.target !== 'contact') continue;
      const count = (sends.get(item.entry.contactId) ?? 0) + 1;
      sends.set(item.entry.contactId, count);
      if (count > ctx.maxConflictRounds + 1) exhausted.add(item.entry.contactId);
    }
    const outcome = await ctx.request(true, (signal) => service.push({ operations: batch.map((s) => s.op), cursor: ctx.cursor, signal }));
    if (outcome.kind !== 'results') {
      await applyPushOutcomes(
        db,
        ctx.rules,
        ctx.owner,
        ctx.now(),
        batch,
        batch.map(() => outcome),
        tally,
      );
      return;
    }
    if (outcome.results.length !== batch.length) {
      ctx.logger?.warn('push: the service answered a different number of operations than were sent', {
        sent: batch.length,
        answered: outcome.results.length,
      });
    }
    ctx.onPhase('merging');
    const resubmit = await applyPushOutcomes(db, ctx.rules, ctx.owner, ctx.now(), batch, outcome.results, tally);
    if (outcome.pulled) {
      const cursor = outcome.pulled.cursor;
      await applyRemoteChanges(
        {
          db,
          now: ctx.now,
          newId: ctx.newId,
          chunkSize: ctx.chunkSize,
          counts: ctx.counts,
          rules: ctx.rules,
          written: new Map(),
          replicaWasEmpty: false,
        },
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
    ctx.onProgress(done, Math.max(total, done));
    if (tally.failure !== null) return;
  }
}

/** Counts merge rounds per contact; a contact past the cap becomes a visible, unresolved conflict. */
async function countRounds(
  ctx: RunContext,
  resubmit: ReadonlySet<string>,
  rounds: Map<string, number>,
  exhausted: Set<string>,
): Promise<void> {
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
      const row = await db.contacts.get(id);
      const t = transition(positionOf(id, row, await db.outbox.get(id)), { type: 'conflict' });
      if (t.ok) await writeTransition({ db, contactId: id, row, at: ctx.now() }, t);
    }
  });
}
