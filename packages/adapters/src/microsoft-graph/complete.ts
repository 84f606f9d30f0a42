import type { RemoteChange, RequestFailure } from '@contactsync/core';
import { runBatches } from './batch.js';
import { readContactValue } from './codec.js';
import type { GraphContext } from './context.js';
import { GRAPH_STATUS, headersOf, malformed, requestFailure } from './outcomes.js';
import { recordOf } from './record.js';
import type { BatchItemRequest } from './wire.js';

/**
 * Completes delta items that carry only their changed properties. Core applies a record as the
 * whole contact and the adapter has no copy of the replica, so instead of guessing the rest it reads
 * each such contact whole, in `$batch` GETs of twenty. A contact deleted meanwhile (404) is a delete.
 */
export async function completePartial(
  ctx: GraphContext,
  ids: readonly string[],
  signal: AbortSignal | undefined,
): Promise<RemoteChange[] | RequestFailure> {
  if (ids.length === 0) return [];
  const items: BatchItemRequest[] = ids.map((id, i) => ({ id: String(i + 1), method: 'GET', url: ctx.paths.itemSelected(id) }));
  const answers = await runBatches(ctx.exchange, items, signal);
  const changes: RemoteChange[] = [];
  for (const [i, id] of ids.entries()) {
    const line = { method: 'GET', path: ctx.paths.item(id) };
    const answer = answers.get(String(i + 1));
    if (answer === undefined) return malformed(line, 'no batch answer', false);
    if (!('id' in answer)) return answer;
    const decision = GRAPH_STATUS.decide(answer.status, 'read');
    if (decision === 'missing') {
      changes.push({ kind: 'delete', remoteId: id });
      continue;
    }
    if (decision !== 'success') return requestFailure(answer.status, headersOf(answer.headers), 'read', line);
    const contact = readContactValue(answer.body);
    if (!contact.ok) return malformed(line, contact.problem, false);
    const record = contact.value.id === id ? recordOf(contact.value) : null;
    if (record === null) return malformed(line, 'a contact without its id or an @odata.etag', false);
    changes.push({ kind: 'upsert', record });
  }
  return changes;
}
