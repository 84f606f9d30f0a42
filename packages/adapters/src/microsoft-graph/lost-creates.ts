import type { OperationOutcome, RequestFailure } from '@contactsync/core';
import { decodeContactList } from './codec.js';
import type { GraphContext } from './context.js';
import { GRAPH_STATUS, malformed, requestFailure } from './outcomes.js';
import { recordOf } from './record.js';

/**
 * Finds the contact a create made, by the operation id it carries in our extended property: one
 * `$filter` query. `ok` with the record when it exists; `not-found` when the create never
 * committed (sending it again is safe); a failure when the question could not be answered.
 */
export type LookupResult = { readonly kind: 'found'; readonly outcome: OperationOutcome } | { readonly kind: 'not-found' } | RequestFailure;

export async function findCreated(ctx: GraphContext, opId: string, signal: AbortSignal | undefined): Promise<LookupResult> {
  const url = ctx.paths.byOperation(opId);
  const line = { method: 'GET', path: ctx.paths.collection + '?$filter=<op id>' };
  const response = await ctx.exchange({ method: 'GET', url, signal });
  if (response.kind !== 'response') return response;
  if (GRAPH_STATUS.decide(response.status, 'list') !== 'success') return requestFailure(response.status, response.headers, 'list', line);
  const list = decodeContactList(response.text);
  if (!list.ok) return malformed(line, list.problem, false);
  const [first] = list.value;
  if (first === undefined) return { kind: 'not-found' };
  // Two would mean the property was copied by hand; the oldest id is as good as any: take the first.
  const record = recordOf(first);
  if (record === null) return malformed(line, 'a contact without an @odata.etag', false);
  return { kind: 'found', outcome: { kind: 'ok', record } };
}
