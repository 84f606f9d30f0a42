import type { OperationOutcome, PushOperation, PushOutcome, PushRequest } from '@contactsync/core';
import { runBatches, type BatchAnswer } from './batch.js';
import type { GraphContext } from './context.js';
import { readCurrent } from './current.js';
import { findCreated } from './lost-creates.js';
import { planOperation } from './push-plan.js';
import { itemResult } from './push-results.js';
import type { BatchItemRequest } from './wire.js';

/**
 * Push (docs/microsoft-graph.md, "Writes"): every operation becomes one item of a `$batch` (twenty
 * per batch), answered in any order and matched by id; then
 * - a 412 reads the contact as it is now and answers a conflict for the engine to merge;
 * - a create whose answer was lost (or a 5xx) is looked up by its operation id: found is done, not
 *   found is safe to send again; unanswerable stays "maybe committed" and is looked up before it is
 *   ever sent again.
 * One outcome per operation, in request order; never a throw.
 */
export async function push(ctx: GraphContext, request: PushRequest): Promise<PushOutcome> {
  const { operations, signal } = request;
  const results: (OperationOutcome | null)[] = operations.map(() => null);

  // Creates sent before whose fate is unknown: look first, so they are never created twice.
  await Promise.all(
    operations.map(async (op, i) => {
      if (op.kind !== 'create' || !ctx.unconfirmedCreates.has(op.opId)) return;
      const found = await findCreated(ctx, op.opId, signal);
      if (found.kind === 'found') results[i] = found.outcome;
      else if (found.kind === 'not-found') ctx.unconfirmedCreates.delete(op.opId);
      else results[i] = { ...found, ...(found.kind === 'failed' ? { maybeCommitted: true } : {}) };
    }),
  );

  const items: BatchItemRequest[] = [];
  operations.forEach((op, i) => {
    if (results[i] !== null) return;
    const planned = planOperation(ctx.paths, op, i);
    if (planned.kind === 'done') results[i] = planned.outcome;
    else items.push(planned.item);
  });
  const answers = await runBatches(ctx.exchange, items, signal);

  await Promise.all(
    items.map(async (item) => {
      const index = Number(item.id) - 1;
      const op = operations[index] as PushOperation;
      const answer = answers.get(item.id) as BatchAnswer;
      const result = itemResult(op, answer);
      if (result.kind === 'read-current') results[index] = await readCurrent(ctx, result.remoteId, signal);
      else if (op.kind === 'create' && mayHaveCommitted(answer, result)) results[index] = await settleCreate(ctx, op.opId, result, signal);
      else results[index] = result;
    }),
  );
  return { kind: 'results', results: results.map((r) => r as OperationOutcome) };
}

/** A create whose answer was lost in transit, or a server error that may have come after the write. */
function mayHaveCommitted(answer: BatchAnswer, result: OperationOutcome): boolean {
  if (result.kind !== 'failed') return false;
  if (!('id' in answer)) return result.maybeCommitted;
  return answer.status >= 500 && answer.status !== 503;
}

async function settleCreate(
  ctx: GraphContext,
  opId: string,
  failure: OperationOutcome,
  signal: AbortSignal | undefined,
): Promise<OperationOutcome> {
  const found = await findCreated(ctx, opId, signal);
  if (found.kind === 'found') return found.outcome;
  if (found.kind === 'not-found') return failure.kind === 'failed' ? { ...failure, maybeCommitted: false } : failure;
  ctx.unconfirmedCreates.add(opId);
  return failure.kind === 'failed' ? { ...failure, maybeCommitted: true } : failure;
}
