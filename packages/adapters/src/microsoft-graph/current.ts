import type { OperationOutcome } from '@contactsync/core';
import { decodeContact } from './codec.js';
import type { GraphContext } from './context.js';
import { GRAPH_STATUS, malformed, requestFailure } from './outcomes.js';
import { recordOf } from './record.js';

/** After a 412: the contact as it is now, as a conflict to merge with and resubmit (null: it is gone). */
export async function readCurrent(ctx: GraphContext, remoteId: string, signal: AbortSignal | undefined): Promise<OperationOutcome> {
  const line = { method: 'GET', path: ctx.paths.item(remoteId) };
  const response = await ctx.exchange({ method: 'GET', url: ctx.paths.itemSelected(remoteId), signal });
  if (response.kind !== 'response') return response;
  const decision = GRAPH_STATUS.decide(response.status, 'read');
  if (decision === 'missing') return { kind: 'conflict', current: null };
  if (decision !== 'success') return requestFailure(response.status, response.headers, 'read', line);
  const contact = decodeContact(response.text);
  if (!contact.ok) return malformed(line, contact.problem, false);
  const record = contact.value.id === remoteId ? recordOf(contact.value) : null;
  return record === null
    ? malformed(line, 'not the contact asked for, or without an @odata.etag', false)
    : { kind: 'conflict', current: record };
}
