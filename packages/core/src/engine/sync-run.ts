import { serviceRules } from '../merge/service-rules.js';
import { SyncError } from '../errors.js';
import { decideRetry, type RetryPolicyOptions } from '../policy/retry-policy.js';
import type { RetryAtOutcome } from '../policy/outcome.js';
import type { ContactService } from '../service/contact-service.js';
import type { ReplicaDb } from '../replica/schema.js';
import { readSyncState, updateSyncState } from '../replica/sync-state.js';
import { storageTransaction } from '../replica/storage-error.js';
import type { StatusStore } from '../status/status-store.js';
import { guardedCall, type CallGuard } from './guarded-call.js';
import { runPull } from './pull-run.js';
import { runPush } from './push-run.js';
import { emptyPushTally, type PushTally } from './push-tally.js';
import type { PullCounts } from './remote-change-plan.js';
import type { RunContext } from './run-context.js';
import type { ServerWaitClock } from './server-wait.js';
import { storageFailureMessage, STORAGE_FULL_PAUSED } from './storage-report.js';
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
  /** This engine's id in outbox claims, and how long a claim lasts. */
  readonly owner: string;
  readonly leaseMs: number;
  readonly guard: CallGuard;
  /** The timeout of a whole-book pull instead of `guard.timeoutMs`. */
  readonly snapshotTimeoutMs: number;
  readonly waits: ServerWaitClock;
  /** Set when a sync stopped on a full disk (also stored, when storage still allows). */
  readonly storageFull: { value: boolean };
}

export interface RunOptions {
  /** The app says space was freed: a download stopped by a full disk may start again. */
  readonly storageFreed?: boolean;
  /** A snapshot may delete most of the book (pull-run.ts, the mass-delete guard). */
  readonly confirmMassDelete?: boolean;
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
export async function runSync(deps: SyncDependencies, options: RunOptions = {}): Promise<SyncReport> {
  const { db, now } = deps;
  const startedAt = now();
  const state = await readSyncState(db);
  const wait = deps.waits.remaining(state.wait);
  if (wait.reanchored !== null) await saveState(db, { wait: wait.reanchored }).catch(() => undefined);
  if (wait.remainingMs > 0) {
    return finish(deps, startedAt, { outcome: 'waiting', retryAt: now() + wait.remainingMs, error: null });
  }
  if (options.storageFreed === true && (deps.storageFull.value || state.storageFull === true)) {
    deps.storageFull.value = false;
    await saveState(db, { storageFull: false }).catch(() => undefined);
  } else if (deps.storageFull.value || state.storageFull === true) {
    deps.storageFull.value = true;
    return finish(deps, startedAt, {
      outcome: 'storage-full',
      retryAt: null,
      error: { code: 'storage-full', userMessage: STORAGE_FULL_PAUSED },
    });
  }
  deps.status.dispatch({ type: 'run-started' });
  const counts: PullCounts = { added: 0, updated: 0, removed: 0, merged: 0 };
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
    owner: deps.owner,
    leaseMs: deps.leaseMs,
    request: async (write, work, kind) =>
      (await waitImposedMeanwhile(deps)) ??
      guardedCall(kind === 'whole-book' ? { ...deps.guard, timeoutMs: deps.snapshotTimeoutMs } : deps.guard, write, work),
    cursor: state.cursor,
    massDeleteConfirmed: options.confirmMassDelete === true,
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
      await saveState(db, { failures: 0, retryAt: null, wait: null, lastSyncedAt: now() });
      const stuck = await storageTransaction(db, 'r', [db.outbox], () =>
        db.outbox.filter((e) => e.status === 'rejected' || e.status === 'conflict').count(),
      );
      const outcome: SyncOutcome = tally.rejected.length > 0 || stuck > 0 ? 'partial' : 'ok';
      return await finish(deps, startedAt, { outcome, retryAt: null, error: null }, counts, tally);
    }
    if (deps.guard.closing.aborted) {
      // Stopped by close(): not a failure of the server, so it is not counted against it.
      return await finish(
        deps,
        startedAt,
        {
          outcome: 'failed',
          retryAt: null,
          error: { code: 'closed', userMessage: 'Sync was stopped because the account was closed. Your changes are kept.' },
        },
        counts,
        tally,
      );
    }
    const attempt = failure.kind === 'offline' ? state.failures : state.failures + 1;
    const decision = decideRetry(attempt, failure, deps.random(), deps.service.traits.retryMode, deps.retryPolicy);
    const retryAt = decision.kind === 'retry' ? now() + decision.delayMs : null;
    const serverWait = decision.kind === 'retry' && decision.serverImposed ? deps.waits.begin(decision.delayMs) : null;
    // A wait is only ever added here, never cleared: another engine on this database may have been
    // told to wait meanwhile (a success clears it).
    await saveState(db, serverWait === null ? { failures: attempt, retryAt } : { failures: attempt, retryAt, wait: serverWait });
    const outcome: SyncOutcome = retryAt !== null ? 'waiting' : failure.kind === 'retry-at' ? 'failed' : failure.kind;
    const error =
      failure.kind === 'offline'
        ? { code: 'offline', userMessage: OFFLINE_MESSAGE }
        : { code: failure.code, userMessage: failure.userMessage };
    return await finish(deps, startedAt, { outcome, retryAt, error }, counts, tally);
  } catch (error) {
    // Storage failed (every storage step is one transaction, so nothing half-written survives):
    // say so in the report, with what was stored before it. Anything else is a bug and is thrown.
    if (!(error instanceof SyncError)) throw error;
    deps.logger?.warn('sync: storage failed', { code: error.code });
    const full = error.code === 'storage-full';
    if (full) {
      deps.storageFull.value = true;
      // Storage is full: this small write may fail too; the flag in memory holds for this session.
      await saveState(db, { storageFull: true }).catch(() => undefined);
    }
    const userMessage = storageFailureMessage(full, counts, tally);
    return finish(
      deps,
      startedAt,
      { outcome: full ? 'storage-full' : 'failed', retryAt: null, error: { code: error.code, userMessage } },
      counts,
      tally,
    );
  }
}

/**
 * Another engine on this database (a tab with no Web Locks between them) may have been told to
 * wait while this run was under way: no request of this run leaves before that wait ends either.
 */
async function waitImposedMeanwhile(deps: SyncDependencies): Promise<RetryAtOutcome | null> {
  const state = await storageTransaction(deps.db, 'r', [deps.db.syncState], () => readSyncState(deps.db));
  const { remainingMs } = deps.waits.remaining(state.wait);
  if (remainingMs <= 0) return null;
  return {
    kind: 'retry-at',
    retryAfterMs: remainingMs,
    code: 'server-wait',
    userMessage: 'The server asked to wait before more requests. Your changes are kept and will be sent.',
  };
}

async function saveState(db: ReplicaDb, change: Parameters<typeof updateSyncState>[1]): Promise<void> {
  await storageTransaction(db, 'rw', [db.syncState], () => updateSyncState(db, change));
}

async function finish(
  deps: SyncDependencies,
  startedAt: number,
  result: Pick<SyncReport, 'outcome' | 'retryAt' | 'error'>,
  counts: PullCounts = { added: 0, updated: 0, removed: 0, merged: 0 },
  tally: PushTally = emptyPushTally(),
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
