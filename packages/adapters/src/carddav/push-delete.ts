import type { OperationOutcome, PushOperation } from '@contactsync/core';
import type { PushContext } from './push.js';
import { conflict } from './push-update.js';
import { failureOf, handlingOf } from './status-table.js';

type DeleteOp = Extract<PushOperation, { kind: 'delete' }>;

/**
 * DELETE with `If-Match: <base ETag>` (RFC 4918 §9.6, RFC 7232). Radicale answers 200 with a small
 * multistatus body, Xandikos 204; a card already gone is done. A 412 (edited elsewhere since our
 * base) is a conflict with the current card, so the engine decides whether the delete still
 * stands. Deleting an unreadable card is allowed: nothing of it is written back.
 */
export async function pushDelete(ctx: PushContext, op: DeleteOp, signal: AbortSignal | undefined): Promise<OperationOutcome> {
  const path = op.base.remoteId;
  const line = `DELETE ${path}`;
  const response = await ctx.http({ method: 'DELETE', url: path, headers: { 'If-Match': op.base.version }, signal });
  if (response.kind !== 'response') return response;
  switch (handlingOf('delete', response.status)) {
    case 'ok':
      return { kind: 'ok' };
    case 'conflict':
      return conflict(ctx, path, signal);
    default:
      return failureOf(response, line, true);
  }
}
