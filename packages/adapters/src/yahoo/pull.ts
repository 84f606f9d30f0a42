import type { PullOutcome, PullRequest, RemoteChange } from '@contactsync/core';
import { changedCategories, decodeCursor, encodeCursor, tableOf, type CursorState } from './cursor.js';
import { recordsOf } from './push-results.js';
import { synchronize, type TransportOptions } from './transport.js';
import type { SyncResponse } from './wire.js';

function changesOf(response: SyncResponse): RemoteChange[] {
  return [...recordsOf(response)].map(([cid, record]): RemoteChange =>
    record === null ? { kind: 'delete', remoteId: String(cid) } : { kind: 'upsert', record },
  );
}

function snapshotPage(response: SyncResponse, prior: CursorState | null): PullOutcome {
  const categories = tableOf(response, prior?.categories ?? []);
  const former = prior === null ? [] : [...prior.former, ...changedCategories(prior.categories, categories)];
  const changes = changesOf(response).filter((c) => c.kind === 'upsert');
  return {
    kind: 'page',
    mode: 'snapshot',
    changes,
    cursor: encodeCursor({ rev: response.rev, categories, former, resync: false }),
    more: false,
  };
}

/**
 * One pull (docs/yahoo.md §2.2, docs/engine-port.md §3): no cursor (or one asking for a resync) -> `myrev=0`, a snapshot;
 * otherwise the events since the cursor's rev as a delta, `not-modified` when there are none, and a
 * snapshot when they start with `address-book-reset` or when a category was renamed or removed
 * (its members are not re-sent, but their category names changed). Yahoo revisions are immediate,
 * so `consistency: 'complete'` needs nothing more than a delta.
 */
export async function pull(options: TransportOptions, request: PullRequest): Promise<PullOutcome> {
  const signal = request.signal === undefined ? {} : { signal: request.signal };
  const state = request.cursor === null ? null : decodeCursor(request.cursor);
  if (state === null || state.resync) {
    const exchange = await synchronize(options, { myrev: 0, ...signal });
    return exchange.kind === 'response' ? snapshotPage(exchange.response, state) : exchange;
  }
  const exchange = await synchronize(options, { myrev: state.rev, ...signal });
  if (exchange.kind !== 'response') return exchange;
  const response = exchange.response;
  if (response.events[0]?.type === 'address-book-reset') return snapshotPage(response, state);
  const categories = tableOf(response, state.categories);
  if (changedCategories(state.categories, categories).length > 0) {
    const whole = await synchronize(options, { myrev: 0, ...signal });
    return whole.kind === 'response' ? snapshotPage(whole.response, state) : whole;
  }
  const cursor = encodeCursor({ rev: response.rev, categories, former: state.former, resync: false });
  if (response.events.length === 0) return response.rev === state.rev ? { kind: 'not-modified' } : { kind: 'not-modified', cursor };
  return { kind: 'page', mode: 'delta', changes: changesOf(response), cursor, more: false };
}
