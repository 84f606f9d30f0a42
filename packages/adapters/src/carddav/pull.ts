import type { Logger, PullOutcome, PullRequest, RemoteChange, RequestFailure } from '@contactsync/core';
import type { DavHttp } from './http.js';
import { bookCtag, listMembers } from './listing.js';
import { multiget } from './multiget.js';
import { malformed } from './status-table.js';
import { syncCollection } from './sync-collection.js';
import type { OwnWrites } from './own-writes.js';

/**
 * Pull (RFC 6578 sync-collection, RFC 6352 addressbook-multiget). The cursor says how the book is
 * followed: `sync:<token>` a delta from that token, `snap:<token>` the rest of a snapshot a server
 * truncated with 507, `ctag:<getctag>` a book without sync-collection. Tokens are passed back as
 * the server wrote them (Radicale a URI, Xandikos a bare commit id).
 */
export interface PullContext {
  readonly http: DavHttp;
  readonly bookUrl: string;
  readonly multigetBatch: number;
  readonly logger?: Logger | undefined;
  readonly ownWrites: OwnWrites;
}

type Position = { readonly kind: 'sync' | 'snap'; readonly token: string } | { readonly kind: 'ctag'; readonly ctag: string };

function position(cursor: string | null): Position | null {
  const match = cursor === null ? null : /^(sync|snap|ctag):(.*)$/s.exec(cursor);
  if (match === null) return null; // No cursor, or one from an older format: start again.
  const [, kind, value = ''] = match;
  return kind === 'ctag' ? { kind, ctag: value } : { kind: kind as 'sync' | 'snap', token: value };
}

export async function pull(ctx: PullContext, request: PullRequest): Promise<PullOutcome> {
  const at = position(request.cursor);
  if (at?.kind === 'ctag') return pullByListing(ctx, at.ctag, request.signal);
  let token = at?.token ?? '';
  let snapshot = at === null || at.kind === 'snap';
  let answer = await syncCollection(ctx.http, ctx.bookUrl, token, request.signal);
  if (answer.kind === 'invalid-token') {
    // The server forgot our token (Radicale after max_sync_token_age, a reset, Xandikos' 500):
    // list the whole book again. The engine reconciles the snapshot by href.
    ctx.logger?.warn('carddav: sync token refused, listing the whole book', { debug: answer.debugMessage });
    token = '';
    snapshot = true;
    answer = await syncCollection(ctx.http, ctx.bookUrl, '', request.signal);
  }
  if (answer.kind === 'invalid-token') return malformed('REPORT sync-collection', 'an empty sync-token was refused');
  if (answer.kind === 'unsupported') return pullByListing(ctx, null, request.signal);
  if (answer.kind !== 'changes') return answer;
  if (answer.truncated && answer.token === token) return malformed('REPORT sync-collection', '507 without a new sync-token');

  const cursor = `${answer.truncated && snapshot ? 'snap' : 'sync'}:${answer.token}`;
  if (!snapshot && answer.changed.length === 0 && answer.removed.length === 0 && !answer.truncated) {
    return answer.token === token ? { kind: 'not-modified' } : { kind: 'not-modified', cursor };
  }
  // A snapshot needs every card; a delta leaves out the echoes of our own writes.
  const toRead = snapshot ? answer.changed : answer.changed.filter((c) => !ctx.ownWrites.isOwn(c.path, c.etag));
  const fetched = await multiget(
    ctx.http,
    ctx.bookUrl,
    toRead.map((c) => c.path),
    ctx.multigetBatch,
    request.signal,
  );
  if (!('records' in fetched)) return fetched;
  const changes: RemoteChange[] = fetched.records.map((record) => ({ kind: 'upsert', record }));
  if (!snapshot) {
    // 404 members are deletions; ones the replica never knew are ignored by the engine.
    for (const remoteId of [...answer.removed, ...fetched.missing]) changes.push({ kind: 'delete', remoteId });
  }
  return { kind: 'page', mode: snapshot ? 'snapshot' : 'delta', changes, cursor, more: answer.truncated };
}

/** getctag unchanged: not modified; otherwise the whole book as a snapshot (docs/carddav.md). */
async function pullByListing(ctx: PullContext, known: string | null, signal: AbortSignal | undefined): Promise<PullOutcome> {
  const ctag = await bookCtag(ctx.http, ctx.bookUrl, signal);
  if (typeof ctag === 'object' && ctag !== null) return ctag satisfies RequestFailure;
  if (ctag !== null && ctag === known) return { kind: 'not-modified' };
  const members = await listMembers(ctx.http, ctx.bookUrl, signal);
  if (!isList(members)) return members;
  const fetched = await multiget(
    ctx.http,
    ctx.bookUrl,
    members.map((m) => m.path),
    ctx.multigetBatch,
    signal,
  );
  if (!('records' in fetched)) return fetched;
  // Without a ctag every pull lists the book; the cursor still marks the mode.
  return {
    kind: 'page',
    mode: 'snapshot',
    changes: fetched.records.map((record) => ({ kind: 'upsert', record })),
    cursor: `ctag:${ctag ?? ''}`,
    more: false,
  };
}

/** `Array.isArray` narrows a readonly array to `any[]`; this keeps the element type. */
function isList<T>(value: readonly T[] | RequestFailure): value is readonly T[] {
  return Array.isArray(value);
}
