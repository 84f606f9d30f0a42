import type { SyncPhase, SyncReport, SyncStatus } from './sync-status.js';

export type StatusAction =
  | { readonly type: 'run-started' }
  | { readonly type: 'phase'; readonly phase: Extract<SyncPhase, 'pulling' | 'pushing' | 'merging'> }
  | { readonly type: 'progress'; readonly done: number; readonly total: number }
  | { readonly type: 'run-finished'; readonly report: SyncReport }
  | { readonly type: 'pending-changed'; readonly pending: number }
  | { readonly type: 'loaded'; readonly lastSyncedAt: number | null; readonly retryAt: number | null; readonly pending: number };

export const INITIAL_STATUS: SyncStatus = {
  phase: 'idle',
  progress: null,
  pending: 0,
  lastSyncedAt: null,
  retryAt: null,
  error: null,
};

const PHASE_AFTER: Record<SyncReport['outcome'], SyncPhase> = {
  ok: 'idle',
  partial: 'idle',
  waiting: 'waiting',
  failed: 'error',
  'auth-required': 'auth-required',
  forbidden: 'error',
  offline: 'offline',
  'storage-full': 'error',
};

/** Every status change goes through here, so the UI sees one consistent state at a time. Pure. */
export function statusReducer(status: SyncStatus, action: StatusAction): SyncStatus {
  switch (action.type) {
    case 'run-started':
      return { ...status, phase: 'pulling', progress: null, error: null };
    case 'phase':
      return status.phase === action.phase
        ? status
        : { ...status, phase: action.phase, progress: action.phase === 'merging' ? status.progress : null };
    case 'progress':
      return { ...status, progress: { done: action.done, total: action.total } };
    case 'pending-changed':
      return status.pending === action.pending ? status : { ...status, pending: action.pending };
    case 'loaded':
      return {
        ...status,
        lastSyncedAt: action.lastSyncedAt,
        retryAt: action.retryAt,
        pending: action.pending,
        phase: action.retryAt === null ? status.phase : 'waiting',
      };
    case 'run-finished': {
      const { report } = action;
      const succeeded = report.outcome === 'ok' || report.outcome === 'partial';
      return {
        phase: PHASE_AFTER[report.outcome],
        progress: null,
        pending: report.pending,
        lastSyncedAt: succeeded ? report.finishedAt : status.lastSyncedAt,
        retryAt: report.retryAt,
        error: report.error,
      };
    }
  }
}
