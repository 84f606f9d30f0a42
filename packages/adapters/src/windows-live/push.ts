import {
  isRequestFailure,
  type OperationOutcome,
  type PushOperation,
  type PushOutcome,
  type PushRequest,
  type RequestFailure,
} from '@contactsync/core';
import { pushCreate } from './push-create.js';
import { pushDelete } from './push-delete.js';
import { pushUpdate } from './push-update.js';
import type { Send } from './transport.js';
import { WL_CODES } from './outcomes.js';

/**
 * Push: the operations in order, one (or, for child changes, a few) requests each. A failure of
 * the whole request (offline, 401, 403, 5xx, unreadable answer) ends the batch: the operations
 * already answered keep their outcomes, the failing one gets the failure, and the rest get the
 * same failure without being sent. One outcome per operation, in order; never a throw.
 */
export async function push(send: Send, request: PushRequest): Promise<PushOutcome> {
  const results: OperationOutcome[] = [];
  let stopped: RequestFailure | null = null;
  for (const op of request.operations) {
    if (stopped !== null) {
      results.push(stopped);
      continue;
    }
    const outcome = await pushOne(send, op, request.signal);
    results.push(outcome);
    if (isRequestFailure(outcome)) stopped = notSent(outcome);
  }
  return { kind: 'results', results };
}

/** The failure as reported for operations that were never sent: none of them can have committed. */
function notSent(failure: RequestFailure): RequestFailure {
  return failure.kind === 'failed' ? { ...failure, maybeCommitted: false } : failure;
}

function pushOne(send: Send, op: PushOperation, signal: AbortSignal | undefined): Promise<OperationOutcome> {
  switch (op.kind) {
    case 'create':
      return pushCreate(send, op, signal);
    case 'update':
      return pushUpdate(send, op, signal);
    case 'delete':
      return pushDelete(send, op, signal);
    case 'rename-category':
    case 'remove-category':
      // traits.categoryOperations is false, so the engine sends these as contact updates instead.
      return Promise.resolve({
        kind: 'failed',
        code: WL_CODES.unsupportedOperation,
        userMessage: 'Windows Live cannot rename or remove a category in one step.',
        debugMessage: `${op.kind} sent to a service without categoryOperations`,
        maybeCommitted: false,
      });
  }
}
