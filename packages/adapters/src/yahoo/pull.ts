import type { PullOutcome, PullRequest, RemoteChange, RequestFailure } from '@contactsync/core';
import { readAll, StreamedSnapshots } from '../kit/index.js';
import { changedCategories, decodeCursor, encodeCursor, tableOf, type CursorState } from './cursor.js';
import { recordsOf } from './push-results.js';
import { snapshotStream } from './snapshot-stream.js';
import {
  interpretAnswer,
  streamsSyncResponse,
  synchronize,
  synchronizeStreaming,
  UNREACHABLE,
  type TransportOptions,
} from './transport.js';
import type { SyncResponse } from './wire.js';

export type Pull = (request: PullRequest) => Promise<PullOutcome>;

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
 * Pull (docs/yahoo.md §2.2, docs/engine-port.md §3): no cursor (or one asking for a resync) -> `myrev=0`, a snapshot;
 * otherwise the events since the cursor's rev as a delta, `not-modified` when there are none, and a
 * snapshot when they start with `address-book-reset` or when a category was renamed or removed
 * (its members are not re-sent, but their category names changed). Yahoo revisions are immediate,
 * so `consistency: 'complete'` needs nothing more than a delta.
 *
 * A `myrev=0` answer is the whole book: it is read as it arrives and handed to the engine in snapshot
 * pages while the rest is still on the wire (snapshot-stream.ts, docs/streaming-pull.md); one book
 * is read at a time per client, and a new pull abandons a book nobody continued.
 */
export function createPull(options: TransportOptions): Pull {
  const books = new StreamedSnapshots();

  const wholeBook = async (prior: CursorState | null, signal: AbortSignal | undefined): Promise<PullOutcome> => {
    const response = await synchronizeStreaming(options, { myrev: 0, ...(signal === undefined ? {} : { signal }) });
    if (response.kind !== 'stream') return response;
    if (!streamsSyncResponse(options.codec, response)) {
      // Not a book (an error status, a foreign content type): small, read whole and judged as always.
      const body = await readAll(response, signal);
      if (typeof body !== 'string') return body;
      const exchange = interpretAnswer(options.codec, { status: response.status, headers: response.headers, body }, false);
      return exchange.kind === 'response' ? snapshotPage(exchange.response, prior) : exchange;
    }
    const stream = snapshotStream(options, response, prior);
    return books.start(stream.body, stream.finalCursor, signal);
  };

  return async (request) => {
    const continued = books.continues(request.cursor);
    if (continued === 'lost') return lost(request.cursor ?? '');
    if (continued === 'live') return books.next(request.signal);
    books.abandon();

    const signal = request.signal === undefined ? {} : { signal: request.signal };
    const state = request.cursor === null ? null : decodeCursor(request.cursor);
    if (state === null || state.resync) return wholeBook(state, request.signal);
    const exchange = await synchronize(options, { myrev: state.rev, ...signal });
    if (exchange.kind !== 'response') return exchange;
    const response = exchange.response;
    // A reset re-sends the whole book as events of this (delta) answer, read whole: a rare path (docs/streaming-pull.md).
    if (response.events[0]?.type === 'address-book-reset') return snapshotPage(response, state);
    const categories = tableOf(response, state.categories);
    if (changedCategories(state.categories, categories).length > 0) return wholeBook(state, request.signal);
    const cursor = encodeCursor({ rev: response.rev, categories, former: state.former, resync: false });
    if (response.events.length === 0) return response.rev === state.rev ? { kind: 'not-modified' } : { kind: 'not-modified', cursor };
    return { kind: 'page', mode: 'delta', changes: changesOf(response), cursor, more: false };
  };
}

/** Asked to continue a book this client no longer reads (it failed, was abandoned, or another client started it). */
function lost(cursor: string): RequestFailure {
  return {
    kind: 'failed',
    code: 'connection-lost',
    userMessage: UNREACHABLE,
    debugMessage: `GET synchronize: no book is being read for continuation ${cursor}`,
    maybeCommitted: false,
  };
}
