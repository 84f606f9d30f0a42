import type { OperationOutcome, PushOperation } from '@contactsync/core';
import { conflictWithCurrent } from './current.js';
import { requestFailure, WL_STATUS } from './outcomes.js';
import { contactPath, type Send, type WlRequest } from './transport.js';
import { HEADERS } from './wire.js';
import { lastModifiedOf } from './version.js';

type DeleteOp = Extract<PushOperation, { kind: 'delete' }>;

/**
 * DELETE with `If-Unmodified-Since` = the base version (§1.5). 404 is success: the contact is
 * gone either way. 412: someone changed it since; the engine decides with the current state.
 */
export async function pushDelete(send: Send, op: DeleteOp, signal: AbortSignal | undefined): Promise<OperationOutcome> {
  const id = op.base.remoteId;
  const line: WlRequest = {
    method: 'DELETE',
    path: contactPath(id),
    headers: { [HEADERS.ifUnmodifiedSince]: lastModifiedOf(op.base.version) },
    signal,
  };
  const response = await send(line);
  if (response.kind !== 'response') return response;
  switch (WL_STATUS.decide(response.status, 'delete')) {
    case 'done':
    case 'already-gone':
      return { kind: 'ok' };
    case 'conflict':
      return conflictWithCurrent(send, id, signal);
    default:
      return requestFailure(response, line);
  }
}
