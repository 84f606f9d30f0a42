import { serviceRules } from '../merge/service-rules.js';
import { SyncError } from '../errors.js';
import { decideRetry, type RetryPolicyOptions } from '../policy/retry-policy.js';
import type { ContactService } from '../service/contact-service.js';
import type { ReplicaDb } from '../replica/schema.js';
import { readSyncState, updateSyncState } from '../replica/sync-state.js';
import { storageTransaction } from '../replica/storage-error.js';
import type { StatusStore } from '../status/status-store.js';
import { runPull } from './pull-run.js';
import { runPush } from './push-run.js';
import { emptyPushTally } from './push-tally.js';
import type { RunContext } from './run-context.js';
import type { Logger, SyncOutcome, SyncReport } from './types.js';

export interface SyncDependencies {
  readonly db: ReplicaDb;
  readonly service: ContactService;
  readonly now: () => number;
  readonly random: () => number;
  readonly newId: () => string;
  readonly chunkSize: number;
  readonly maxConflictRounds: number;
  readonly retryPolicy: RetryPolicyOptions;
  readonly logger: Logger | undefined;
  readonly status: StatusStore;
  /** Read once per run: whether the app confirmed a mass delete (create-sync-engine.ts). */
  readonly massDeleteConfirmed: () => boolean;
}

/** The outbox size for the report; after a storage failure even a count may fail: -1 (unknown). */
async function countOrUnknown(db: ReplicaDb): Promise<number> {
  try {
    return (await db.outbox.count()) + (await db.categoryOps.count());
  } catch {
    return -1;
  }
}

const OFFLINE_MESSAGE = 'You are offline. Your changes are saved on this device and will be sent when you are back online.';

/**
 * One sync: pull what changed on the server, push the outbox (merging conflicts), then decide from
 * the retry policy whether and when to try again. Server and network failures end in the report,
 * never as exceptions. A server-imposed wait is obeyed even when the app asks to sync sooner.
 */
export async function runSync(deps: SyncDependencies): Promise<SyncReport> {
  const { db, now } = deps;
  const startedAt = now();
  const state = await readSyncState(db);
  if (state.notBefore !== null && startedAt < state.notBefore) {
    return finish(deps, startedAt, { outcome: 'waiting', retryAt: state.notBefore, error: null });
  }
  deps.status.dispatch({ type: 'run-started' });
  const counts = { added: 0, updated: 0, removed: 0, merged: 0 };
  const tally = emptyPushTally();
  const ctx: RunContext = {
    db,
    service: deps.service,
    rules: serviceRules(deps.service),
    now,
    newId: deps.newId,
    chunkSize: deps.chunkSize,
    maxConflictRounds: deps.maxConflictRounds,
    logger: deps.logger,
    counts,
    cursor: state.cursor,
    massDeleteConfirmed: deps.massDeleteConfirmed(),
    onPhase: (phase) => deps.status.dispatch({ type: 'phase', phase }),
    onProgress: (done, total) => deps.status.dispatch({ type: 'progress', done, total }),
  };

  try {
    let failure = await runPull(ctx);
    if (failure === null) {
      await runPush(ctx, tally);
      failure = tally.failure;
    }
    if (failure === null) {
      await saveState(db, { failures: 0, retryAt: null, notBefore: null, lastSyncedAt: now() });
      const stuck = await storageTransaction(db, 'r', [db.outbox], () =>
        db.outbox.filter((e) => e.status === 'rejected' || e.status === 'conflict').count(),
      );
      const outcome: SyncOutcome = tally.rejected.length > 0 || stuck > 0 ? 'partial' : 'ok';
      return await finish(deps, startedAt, { outcome, retryAt: null, error: null }, counts, tally);
    }
    const attempt = failure.kind === 'offline' ? state.failures : state.failures + 1;
    const decision = decideRetry(attempt, failure, deps.random(), deps.service.traits.retryMode, deps.retryPolicy);
    const retryAt = decision.kind === 'retry' ? now() + decision.delayMs : null;
    const notBefore = decision.kind === 'retry' && decision.serverImposed ? retryAt : null;
    await saveState(db, { failures: attempt, retryAt, notBefore });
    const outcome: SyncOutcome = retryAt !== null ? 'waiting' : failure.kind === 'retry-at' ? 'failed' : failure.kind;
    const error =
      failure.kind === 'offline' ? { code: 'offline', userMessage: OFFLINE_MESSAGE } : { code: failure.code, userMessage: failure.userMessage };
    return await finish(deps, startedAt, { outcome, retryAt, error }, counts, tally);
  } catch (error) {
    // Storage failed (every storage step is one transaction, so nothing half-written survives):
    // say so in the report. Anything else is a bug and is thrown.
    if (!(error instanceof SyncError)) throw error;
    deps.logger?.warn('sync: storage failed', { code: error.code });
    return finish(deps, startedAt, { outcome: 'failed', retryAt: null, error: { code: error.code, userMessage: error.userMessage } }, counts, tally);
  }
}

async function saveState(db: ReplicaDb, change: Parameters<typeof updateSyncState>[1]): Promise<void> {
  await storageTransaction(db, 'rw', [db.syncState], () => updateSyncState(db, change));
}

async function finish(
  deps: SyncDependencies,
  startedAt: number,
  result: Pick<SyncReport, 'outcome' | 'retryAt' | 'error'>,
  counts = { added: 0, updated: 0, removed: 0, merged: 0 },
  tally = emptyPushTally(),
): Promise<SyncReport> {
  const pending = await countOrUnknown(deps.db);
  const report: SyncReport = {
    ...result,
    pulled: { added: counts.added, updated: counts.updated, removed: counts.removed },
    pushed: { created: tally.created, updated: tally.updated, removed: tally.removed },
    merged: counts.merged + tally.merged,
    rejected: tally.rejected,
    pending,
    startedAt,
    finishedAt: deps.now(),
  };
  deps.status.dispatch({ type: 'run-finished', report });
  return report;
}
