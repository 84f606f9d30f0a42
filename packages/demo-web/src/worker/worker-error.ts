import { SyncError } from '@contactsync/core';
import type { WorkerError } from './protocol';

/**
 * A thrown value as data for the page. Only a `SyncError`'s user message is shown to people; anything
 * else is a bug, whose text is not meant for them.
 */
export function toWorkerError(error: unknown): WorkerError {
  if (error instanceof SyncError) return { code: error.code, userMessage: error.userMessage, fieldErrors: error.fieldErrors };
  return { code: 'bug', userMessage: 'Something went wrong in the app. Your change was not saved; please try again.', fieldErrors: [] };
}
