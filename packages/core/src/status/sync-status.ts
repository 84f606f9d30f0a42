/** What one sync run reports and what the status a UI renders says: plain data, no engine code. */

/**
 * - `storage-full`: this device's storage quota is used up; syncing pauses until the app calls
 *   `sync({ storageFreed: true })`.
 */
export type SyncOutcome = 'ok' | 'partial' | 'waiting' | 'failed' | 'auth-required' | 'forbidden' | 'offline' | 'storage-full';

export interface RejectedWrite {
  readonly contactId: string;
  readonly operation: 'create' | 'update' | 'delete';
  readonly code: string;
  /** The server's user-facing message (never its debug message). */
  readonly userMessage: string;
}

export interface SyncReport {
  readonly outcome: SyncOutcome;
  readonly pulled: { readonly added: number; readonly updated: number; readonly removed: number };
  readonly pushed: { readonly created: number; readonly updated: number; readonly removed: number };
  /** Conflicts resolved by merge-and-resubmit in this run. */
  readonly merged: number;
  readonly rejected: readonly RejectedWrite[];
  /** Outbox entries still waiting to reach the server after this run. */
  readonly pending: number;
  /** Epoch ms at which the engine will try again by itself (auto-sync), or null. */
  readonly retryAt: number | null;
  readonly error: { readonly code: string; readonly userMessage: string } | null;
  readonly startedAt: number;
  readonly finishedAt: number;
}

export type SyncPhase = 'idle' | 'pulling' | 'pushing' | 'merging' | 'waiting' | 'offline' | 'error' | 'auth-required';

export interface SyncStatus {
  readonly phase: SyncPhase;
  /** During pulls and pushes: records handled so far and the total known so far. */
  readonly progress: { readonly done: number; readonly total: number } | null;
  readonly pending: number;
  readonly lastSyncedAt: number | null;
  readonly retryAt: number | null;
  readonly error: { readonly code: string; readonly userMessage: string } | null;
}
