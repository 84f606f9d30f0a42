import type { OperationOutcome, PushOperation } from '@contactsync/core';
import type { GraphPaths } from './paths.js';
import { patchBody, wireFromDraft } from './mapping.js';
import { GRAPH_CODES } from './outcomes.js';
import { HEADERS, OP_ID_PROPERTY, type BatchItemRequest } from './wire.js';

/** Each operation as the batch item that carries it, or the outcome it has without a request. */
export type Planned =
  { readonly kind: 'send'; readonly item: BatchItemRequest } | { readonly kind: 'done'; readonly outcome: OperationOutcome };

/**
 * - create: `POST` to the collection, with the operation id in our extended property.
 * - update: `PATCH` with `If-Match: <etag>` and only the properties that changed, so what this
 *   client does not map survives; an update that changes nothing mapped needs no request.
 * - delete: `DELETE` with `If-Match`.
 * Batch item ids are the operation's index, as the answers come back in any order.
 */
export function planOperation(paths: GraphPaths, op: PushOperation, index: number): Planned {
  const id = String(index + 1);
  switch (op.kind) {
    case 'create':
      return {
        kind: 'send',
        item: {
          id,
          method: 'POST',
          url: paths.collection,
          headers: { 'Content-Type': 'application/json' },
          body: { ...wireFromDraft(op.contact), singleValueExtendedProperties: [{ id: OP_ID_PROPERTY, value: op.opId }] },
        },
      };
    case 'update': {
      const body = patchBody(op.base, op.contact);
      if (Object.keys(body).length === 0) return { kind: 'done', outcome: { kind: 'ok', record: op.base } };
      return {
        kind: 'send',
        item: {
          id,
          method: 'PATCH',
          url: paths.item(op.base.remoteId),
          headers: { 'Content-Type': 'application/json', [HEADERS.ifMatch]: op.base.version },
          body,
        },
      };
    }
    case 'delete':
      return {
        kind: 'send',
        item: { id, method: 'DELETE', url: paths.item(op.base.remoteId), headers: { [HEADERS.ifMatch]: op.base.version } },
      };
    case 'rename-category':
    case 'remove-category':
      // traits.categoryOperations is false: the engine sends these as contact updates instead.
      return {
        kind: 'done',
        outcome: {
          kind: 'failed',
          code: GRAPH_CODES.unsupportedOperation,
          userMessage: 'Outlook cannot rename or remove a category in one step.',
          debugMessage: `${op.kind} sent to a service without categoryOperations`,
          maybeCommitted: false,
          permanent: true,
        },
      };
  }
}
