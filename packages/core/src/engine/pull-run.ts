import type { RemoteChange } from '../service/contact-service.js';
import type { RequestFailure } from '../policy/outcome.js';
import { updateSyncState } from '../replica/sync-state.js';
import { storageTransaction } from '../replica/storage-error.js';
import { transition } from '../replica/contact-transitions.js';
import { writeOutboxEffect } from '../replica/write-transition.js';
import { applyRemoteChanges, type ApplyContext } from './apply-remote-changes.js';
import { heldByOther } from './push-batch.js';
import type { RunContext } from './run-context.js';

/** Pages one pull may take before the run stops and reports a fault (a server that never ends). */
const MAX_PAGES = 10_000;

/**
 * Pulls until the service has nothing more, applying each page as it arrives. A delta page and its
 * cursor commit together; a snapshot's cursor commits with the deletions it implies, after its last
 * page (a resumable snapshot's page cursors also commit with their pages). Returns the failure that
 * stopped it, if any.
 */
export async function runPull(ctx: RunContext): Promise<RequestFailure | null> {
  const { db } = ctx;
  ctx.onPhase('pulling');
  const ambiguous = await db.outbox.filter((e) => e.status === 'ambiguous').count();
  const consistency = ambiguous > 0 ? 'complete' : 'delta';
  const replicaWasEmpty = ctx.cursor === null && (await db.contacts.count()) === 0 && (await db.outbox.count()) === 0;
  let done = 0;
  let total = 0;
  const apply: ApplyContext = {
    db,
    now: ctx.now,
    newId: ctx.newId,
    chunkSize: ctx.chunkSize,
    counts: ctx.counts,
    rules: ctx.rules,
    written: new Map(),
    replicaWasEmpty,
    emptyStill: { holds: replicaWasEmpty },
    onChunk: (applied) => {
      done += applied;
      ctx.onProgress(done, total);
    },
  };
  let snapshotSeen: Set<string> | null = null;
  let cursor = ctx.cursor;

  for (let page = 0; page < MAX_PAGES; page++) {
    // The first request of a snapshot or of a complete pull may carry the whole book in one answer.
    const whole = page === 0 && (cursor === null || consistency === 'complete');
    const outcome = await ctx.request(
      false,
      (signal) => ctx.service.pull({ cursor, consistency, signal }),
      whole ? 'whole-book' : undefined,
    );
    if (outcome.kind !== 'page' && outcome.kind !== 'not-modified') return outcome;
    if (outcome.kind === 'not-modified') {
      const next = outcome.cursor ?? cursor;
      if (next !== ctx.cursor) await commitCursor(ctx, next);
      break;
    }
    total += outcome.changes.length;
    ctx.onProgress(done, total);
    if (outcome.mode === 'snapshot') snapshotSeen ??= new Set();
    // Into an empty replica a snapshot implies no deletions, so its ids need not be kept.
    if (snapshotSeen !== null && !replicaWasEmpty) {
      for (const change of outcome.changes) if (change.kind === 'upsert') snapshotSeen.add(change.record.remoteId);
      for (const remoteId of outcome.present ?? []) snapshotSeen.add(remoteId);
    }
    const pageCursor = outcome.cursor;
    if (outcome.more && (pageCursor === cursor || outcome.changes.length === 0)) {
      ctx.logger?.warn('pull: the service asked for another page without moving its cursor', { cursor });
      return { kind: 'failed', code: 'pull-stalled', userMessage: 'The server sent an incomplete address book.', maybeCommitted: false };
    }
    if (snapshotSeen !== null && !outcome.more) {
      await applyRemoteChanges(apply, outcome.changes);
      const gone = await deletionsImpliedBy(ctx, snapshotSeen, replicaWasEmpty);
      const refusal = ctx.cursor === null ? null : await massDeleteRefusal(ctx, gone.length);
      if (refusal !== null) return refusal;
      await applyRemoteChanges(apply, gone, () => storeCursor(ctx, pageCursor));
    } else if (snapshotSeen !== null && outcome.resumable === true) {
      // A resumable snapshot's page cursor commits with the page: a crash continues from here.
      await applyRemoteChanges(apply, outcome.changes, () => storeCursor(ctx, pageCursor));
    } else if (snapshotSeen !== null) {
      await applyRemoteChanges(apply, outcome.changes); // The cursor waits for the snapshot's end.
    } else {
      await applyRemoteChanges(apply, outcome.changes, () => storeCursor(ctx, pageCursor));
    }
    cursor = pageCursor;
    if (!outcome.more) break;
  }
  ctx.cursor = cursor;
  if (consistency === 'complete') await releaseUnconfirmedCreates(ctx);
  return null;
}

async function storeCursor(ctx: RunContext, cursor: string): Promise<void> {
  await updateSyncState(ctx.db, { cursor });
  ctx.cursor = cursor;
}

async function commitCursor(ctx: RunContext, cursor: string | null): Promise<void> {
  await storageTransaction(ctx.db, 'rw', [ctx.db.syncState], () => updateSyncState(ctx.db, { cursor }));
  ctx.cursor = cursor;
}

/** Books up to this size may lose any number of contacts in one snapshot without asking. */
const MASS_DELETE_MIN_BOOK = 5;

/**
 * The mass-delete guard: a snapshot that replaces a followed book (the server forgot our cursor, or
 * was reset) and would delete more than half of a book of more than a few contacts is not applied
 * until the app confirms (`engine.sync({ confirmMassDelete: true })`). Its additions and updates are applied; the
 * deletions and the cursor wait, so the same snapshot comes again until confirmed.
 */
async function massDeleteRefusal(ctx: RunContext, deletions: number): Promise<RequestFailure | null> {
  if (deletions === 0 || ctx.massDeleteConfirmed) return null;
  const book = await ctx.db.contacts.count();
  if (book <= MASS_DELETE_MIN_BOOK || deletions * 2 <= book) return null;
  ctx.logger?.warn('pull: a snapshot would delete most of the book; waiting for confirmation', { deletions, book });
  return {
    kind: 'failed',
    code: 'mass-delete-unconfirmed',
    userMessage: `The server no longer lists ${deletions} of your ${book} contacts. They are kept on this device until you confirm they should be removed.`,
    maybeCommitted: false,
    permanent: true,
  };
}

/** Every record the replica knows from the server that a whole-book snapshot did not contain. */
async function deletionsImpliedBy(ctx: RunContext, seen: ReadonlySet<string>, replicaWasEmpty: boolean): Promise<RemoteChange[]> {
  // Into an empty replica, every server record came from this snapshot: nothing can be missing.
  if (replicaWasEmpty) return [];
  const known = new Set<string>((await ctx.db.contacts.orderBy('remoteId').uniqueKeys()).map(String));
  for (const entry of await ctx.db.outbox.toArray()) if (entry.base) known.add(entry.base.remoteId);
  const gone: RemoteChange[] = [];
  for (const remoteId of known) if (!seen.has(remoteId)) gone.push({ kind: 'delete', remoteId });
  return gone;
}

/**
 * After a pull that includes every committed write, an ambiguous create not found on the server
 * never arrived there: send it again (or, if the user deleted it meanwhile, forget it). Not one that
 * another engine on this database is sending right now (its claim's lease still runs): its answer
 * may still be on the way, and releasing it here would send it twice.
 */
async function releaseUnconfirmedCreates(ctx: RunContext): Promise<void> {
  const { db } = ctx;
  await storageTransaction(db, 'rw', [db.outbox], async () => {
    const now = ctx.now();
    const unconfirmed = await db.outbox.filter((e) => e.status === 'ambiguous' && !heldByOther(e.claim, ctx.owner, now)).toArray();
    for (const entry of unconfirmed) {
      // Only the entry changes (the row's badge stays), so the row is not read: a delete has none.
      const state = entry.kind === 'delete' ? 'absent' : 'pending';
      const t = transition({ contactId: entry.contactId, state, entry }, { type: 'unsent' });
      if (t.ok) await writeOutboxEffect(db, entry.contactId, t.outbox);
    }
  });
}
