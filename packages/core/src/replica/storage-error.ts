import { SyncError } from '../errors.js';

/** Wraps an IndexedDB failure (quota exceeded, abort, version change) in the engine's error type. */
export function storageError(cause: unknown): SyncError {
  const quota = cause instanceof Error && (cause.name === 'QuotaExceededError' || cause.name === 'QuotaExceeded');
  return new SyncError(
    'storage-failed',
    quota
      ? 'This device is out of storage space for contacts. Nothing was changed.'
      : 'The contact could not be saved on this device. Nothing was changed.',
    { cause },
  );
}
