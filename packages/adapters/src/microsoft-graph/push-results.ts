import type { OperationOutcome, PushOperation } from '@contactsync/core';
import type { BatchAnswer } from './batch.js';
import { readContactValue, readError } from './codec.js';
import { GRAPH_CODES, GRAPH_STATUS, headersOf, malformed, requestFailure, USER_MESSAGES } from './outcomes.js';
import { recordOf } from './record.js';

/**
 * What one batch answer means for its operation. `read-current` asks the caller to read the
 * contact as it is now (a 412 or a 409 ErrorIrresolvableConflict: the base was stale) and return a
 * conflict with it.
 */
export type ItemResult = OperationOutcome | { readonly kind: 'read-current'; readonly remoteId: string };

export function itemResult(op: PushOperation, answer: BatchAnswer): ItemResult {
  if (!('id' in answer)) return answer;
  if (op.kind !== 'create' && op.kind !== 'update' && op.kind !== 'delete')
    return { kind: 'failed', code: GRAPH_CODES.unsupportedOperation, userMessage: USER_MESSAGES.unexpectedStatus, maybeCommitted: false };
  const line = { method: op.kind === 'create' ? 'POST' : op.kind === 'update' ? 'PATCH' : 'DELETE', path: 'contacts' };
  const error = readError(answer.body);
  switch (GRAPH_STATUS.decide(answer.status, op.kind)) {
    case 'success': {
      if (op.kind === 'delete') return { kind: 'ok' };
      const contact = readContactValue(answer.body);
      if (!contact.ok) return malformed(line, contact.problem, true);
      const record = recordOf(contact.value);
      return record === null ? malformed(line, 'a written contact without an @odata.etag', true) : { kind: 'ok', record };
    }
    case 'already-gone':
      return { kind: 'ok' };
    case 'gone':
      return { kind: 'gone' };
    case 'conflict':
      return op.kind === 'create'
        ? requestFailure(answer.status, headersOf(answer.headers), op.kind, line)
        : { kind: 'read-current', remoteId: op.base.remoteId };
    case 'rejected':
      // The server's message is debug text: the user gets ours.
      return {
        kind: 'rejected',
        code: error?.code || GRAPH_CODES.invalidRequest,
        userMessage: USER_MESSAGES.invalidRequest,
        debugMessage: `${answer.status} ${error?.message ?? ''}`.trim(),
      };
    default:
      return requestFailure(answer.status, headersOf(answer.headers), op.kind, line, error?.code ?? '');
  }
}
