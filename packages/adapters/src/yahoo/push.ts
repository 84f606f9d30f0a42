import type { OperationOutcome, PushOutcome, PushRequest, RemoteChange, RemoteContact, RequestFailure } from '@contactsync/core';
import { changedCategories, decodeCursor, encodeCursor, tableOf, type CursorState } from './cursor.js';
import { OPERATION_FAILED } from './outcomes.js';
import { planPush, type PushPlan } from './push-plan.js';
import { isNeed, recordsOf, resolveResults, sameContent, type Need, type Resolved } from './push-results.js';
import { synchronize, type TransportOptions } from './transport.js';
import type { SyncResponse, WireCategory } from './wire.js';

/**
 * One push: every operation as an event of one POST `synchronize` with `myrev` = the cursor's rev
 * (docs/yahoo.md §2.2). Results map one-to-one; the echoes of this push's own writes become the
 * `record`s of their `ok` outcomes and are left out of `pulled`, which carries every other event.
 */
export async function push(options: TransportOptions, request: PushRequest): Promise<PushOutcome> {
  const state = request.cursor === null ? null : decodeCursor(request.cursor);
  const plan = planPush(request.operations, state, options.codec);
  const signal = request.signal === undefined ? {} : { signal: request.signal };

  let response: SyncResponse | null = null;
  let records = new Map<number, RemoteContact | null>();
  let resolved: Resolved[];
  let echoes = new Set<number>();
  if (plan.events.length > 0) {
    const exchange = await synchronize(options, { myrev: state?.rev ?? 0, request: { events: plan.events }, ...signal });
    if (exchange.kind !== 'response') return exchange;
    response = exchange.response;
    if (response.results.length !== plan.events.length) {
      const failure: RequestFailure = {
        kind: 'failed',
        code: 'malformed-response',
        userMessage: OPERATION_FAILED,
        debugMessage: `${plan.events.length} events sent, ${response.results.length} results received`,
        maybeCommitted: true,
      };
      return failure;
    }
    records = recordsOf(response);
    ({ outcomes: resolved, echoes } = resolveResults(plan.plans, response, records));
  } else {
    resolved = plan.plans.map((p): Resolved =>
      p.kind === 'local' ? p.outcome : { kind: 'need-current', cid: p.kind === 'refetch-conflict' ? p.cid : null },
    );
  }

  const results = await settleNeeds(options, resolved, signal);
  const pulled = response === null ? null : pulledPart(response, records, echoes, state, plan.plans, results);
  return { kind: 'results', results, ...(pulled === null ? {} : { pulled }) };
}

/** Outcomes that need the whole book: one `GET synchronize myrev=0`, only when some do. */
async function settleNeeds(
  options: TransportOptions,
  resolved: readonly Resolved[],
  signal: { signal?: AbortSignal },
): Promise<OperationOutcome[]> {
  if (!resolved.some(isNeed)) return resolved as OperationOutcome[];
  const exchange = await synchronize(options, { myrev: 0, ...signal });
  const book = exchange.kind === 'response' ? [...recordsOf(exchange.response)] : null;
  return resolved.map((r): OperationOutcome => {
    if (!isNeed(r)) return r;
    if (book === null) return unresolved(r, exchange as RequestFailure);
    return resolveNeed(r, book);
  });
}

function resolveNeed(need: Need, book: readonly [number, RemoteContact | null][]): OperationOutcome {
  const find = (cid: number | null) => book.find(([id]) => id === cid)?.[1] ?? null;
  switch (need.kind) {
    case 'need-current':
      return { kind: 'conflict', current: find(need.cid) };
    case 'need-record': {
      const record = find(need.cid);
      return record === null
        ? {
            kind: 'failed',
            code: 'record-missing',
            userMessage: OPERATION_FAILED,
            debugMessage: `cid ${need.cid} not in the book`,
            maybeCommitted: true,
          }
        : { kind: 'ok', record };
    }
    case 'need-duplicate': {
      const match = book.find(([, record]) => record !== null && sameContent(record.contact, need.contact))?.[1];
      return match ? { kind: 'ok', record: match } : need.rejected;
    }
  }
}

/** The follow-up failed: a write the server made is reported as possibly committed, not as lost. */
function unresolved(need: Need, failure: RequestFailure): OperationOutcome {
  if (need.kind === 'need-current' || failure.kind !== 'failed') return failure;
  return { ...failure, maybeCommitted: true };
}

/**
 * The remote changes of the response (not this push's echoes) and the cursor after it. When the
 * table shows a category renamed or removed by someone else, the cursor asks the next pull for a
 * snapshot. Nothing is returned after an `address-book-reset` or without a prior cursor: the
 * events are then a whole book, not a delta, and the next pull rebuilds from the old cursor.
 */
function pulledPart(
  response: SyncResponse,
  records: ReadonlyMap<number, RemoteContact | null>,
  echoes: ReadonlySet<number>,
  state: CursorState | null,
  plans: PushPlan['plans'],
  results: readonly OperationOutcome[],
) {
  if (state === null || response.events.some((e) => e.type === 'address-book-reset')) return null;
  let expected: WireCategory[] = [...state.categories];
  plans.forEach((plan, i) => {
    if (plan.kind !== 'sent' || results[i]?.kind !== 'ok' || plan.catid === undefined) return;
    if (plan.op.kind === 'rename-category' && plan.to !== undefined)
      expected = expected.map((c) => (c.catid === plan.catid ? { catid: c.catid, name: plan.to ?? c.name } : c));
    if (plan.op.kind === 'remove-category') expected = expected.filter((c) => c.catid !== plan.catid);
  });
  const categories = tableOf(response, expected);
  const foreign = changedCategories(expected, categories);
  const changes = new Map<string, RemoteChange>();
  for (const [cid, record] of records) {
    if (echoes.has(cid)) continue;
    changes.set(String(cid), record === null ? { kind: 'delete', remoteId: String(cid) } : { kind: 'upsert', record });
  }
  const cursor = encodeCursor({
    rev: response.rev,
    categories,
    former: [...state.former, ...foreign],
    resync: state.resync || foreign.length > 0,
  });
  return { changes: [...changes.values()], cursor };
}
