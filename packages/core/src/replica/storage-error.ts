import type { Dexie, Table } from 'dexie';
import { SyncError } from '../errors.js';

/**
 * Wraps an IndexedDB failure (quota exceeded, abort, version change) in the engine's error type:
 * `storage-full` for an exhausted quota (the user can act on it), `storage-failed` otherwise.
 */
export function storageError(cause: unknown): SyncError {
  const quota = cause instanceof Error && (cause.name === 'QuotaExceededError' || cause.name === 'QuotaExceeded');
  // The messages speak of one transaction (a local write): it rolled back whole. A sync that fails
  // part way writes its own message, saying what was stored before (sync-run.ts).
  return quota
    ? new SyncError(
        'storage-full',
        'This device is out of storage space, so the change was not saved. Free up space on this device, then try again.',
        { cause },
      )
    : new SyncError('storage-failed', 'The contact could not be saved on this device. Nothing was changed.', { cause });
}

/**
 * Runs `work` in one IndexedDB transaction. Anything IndexedDB throws (quota, abort, a closed
 * database) becomes a `storage-failed` (or `storage-full`) SyncError, so callers up to the sync run can tell a storage
 * failure from a bug; a SyncError thrown by `work` itself passes through unchanged.
 */
export async function storageTransaction<T>(db: Dexie, mode: 'r' | 'rw', tables: readonly Table[], work: () => Promise<T>): Promise<T> {
  try {
    return await db.transaction(mode, tables, work);
  } catch (error) {
    throw error instanceof SyncError ? error : storageError(error);
  }
}
