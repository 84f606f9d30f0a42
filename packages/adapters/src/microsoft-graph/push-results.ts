import type { OperationOutcome, PushOperation } from '@contactsync/core';
import type { BatchAnswer } from './batch.js';
import { readContactValue, readError } from './codec.js';
import { GRAPH_CODES, handlingOf, headOf, malformed, requestFailure, USER_MESSAGES } from './outcomes.js';
import { recordOf } from './record.js';

/**
 * What one batch answer means for its operation. `read-current` asks the caller to read the
 * contact as it is now (a 412 or a 409 ErrorIrresolvableConflict: the base was stale) and return a
 * conflict with it.
 */
export type ItemResult = OperationOutcome | { readonly kind: 'read-current'; readonly remoteId: string };

export function itemResult(op: PushOperation, answer: BatchAnswer): ItemResult {
  if (!('id' in answer)) return answer;
  const line = { method: op.kind === 'create' ? 'POST' : op.kind === 'update' ? 'PATCH' : 'DELETE', path: 'contacts' };
  const head = headOf(answer.status, answer.headers);
  const error = readError(answer.body);
  const handling = handlingOf(answer.status);
  if (handling === 'success') {
    if (op.kind === 'delete') return { kind: 'ok' };
    const contact = readContactValue(answer.body);
    if (!contact.ok) return malformed(line, contact.problem, true);
    const record = recordOf(contact.value);
    return record === null ? malformed(line, 'a written contact without an @odata.etag', true) : { kind: 'ok', record };
  }
  if (op.kind !== 'create' && op.kind !== 'update' && op.kind !== 'delete') return requestFailure(head, line);
  if (handling === 'not-found' && op.kind !== 'create') return op.kind === 'delete' ? { kind: 'ok' } : { kind: 'gone' };
  if (handling === 'conflict' && op.kind !== 'create') return { kind: 'read-current', remoteId: op.base.remoteId };
  if (handling === 'rejected') {
    // The server's message is debug text: the user gets ours.
    return { kind: 'rejected', code: error?.code || GRAPH_CODES.invalidRequest, userMessage: USER_MESSAGES.invalidRequest, debugMessage: `${answer.status} ${error?.message ?? ''}`.trim() };
  }
  return requestFailure(head, line, error?.code ?? '');
}
