import type { Logger, PullOutcome, PullRequest, RemoteChange } from '@contactsync/core';
import type { DavHttp } from './http.js';
import { multiget } from './multiget.js';
import type { OwnWrites } from './own-writes.js';
import type { ListingPull } from './pull-by-listing.js';
import { parseFillCursor, type SnapshotFill } from './snapshot-fill.js';
import { malformed } from './status-table.js';
import { syncCollection } from './sync-collection.js';

/**
 * Pull (RFC 6578 sync-collection, RFC 6352 addressbook-multiget). The cursor says how the book is
 * followed: `sync:<token>` a delta from that token, `fill:<token>:<href>` a snapshot read in pages
 * (snapshot-fill.ts), `ctag:<getctag>` a book without sync-collection (pull-by-listing.ts). Tokens
 * are passed back as the server wrote them (Radicale a URI, Xandikos a bare commit id).
 */
export interface PullContext {
  readonly http: DavHttp;
  readonly bookUrl: string;
  readonly multigetBatch: number;
  readonly logger?: Logger | undefined;
  readonly ownWrites: OwnWrites;
  readonly fill: SnapshotFill;
  readonly listing: ListingPull;
}

type Position =
  | { readonly kind: 'sync'; readonly token: string }
  | { readonly kind: 'fill'; readonly token: string; readonly after: string }
  | { readonly kind: 'ctag'; readonly ctag: string };

function position(cursor: string | null): Position | null {
  // No cursor, or one from an older format (`snap:`): start again with a snapshot.
  const match = cursor === null ? null : /^(sync|fill|ctag):(.*)$/s.exec(cursor);
  if (match === null) return null;
  const [, kind, value = ''] = match;
  if (kind === 'ctag') return { kind, ctag: value };
  if (kind === 'sync') return { kind, token: value };
  const fill = parseFillCursor(value);
  return fill === null ? null : { kind: 'fill', ...fill };
}

export async function pull(ctx: PullContext, request: PullRequest): Promise<PullOutcome> {
  const at = position(request.cursor);
  if (at?.kind === 'ctag') return ctx.listing.pull(request.cursor, at.ctag, request.signal);
  if (at === null || at.kind === 'fill') {
    const page = at === null ? await ctx.fill.begin(request.signal) : await ctx.fill.resume(at.token, at.after, request.signal);
    return page === 'unsupported' ? ctx.listing.pull(request.cursor, null, request.signal) : page;
  }
  return delta(ctx, request, at.token);
}

/** Truncated delta pieces (507) that hold only our own echoes a pull may skip before it answers. */
const MAX_EMPTY_PIECES = 100;

async function delta(ctx: PullContext, request: PullRequest, from: string): Promise<PullOutcome> {
  let token = from;
  for (let piece = 0; piece < MAX_EMPTY_PIECES; piece++) {
    const answer = await syncCollection(ctx.http, ctx.bookUrl, token, request.signal);
    if (answer.kind === 'invalid-token') {
      // The server forgot our token (Radicale after max_sync_token_age, a reset, Xandikos' 500):
      // list the whole book again as a snapshot. The engine reconciles it by href.
      ctx.logger?.warn('carddav: sync token refused, listing the whole book', { debug: answer.debugMessage });
      const page = await ctx.fill.begin(request.signal);
      return page === 'unsupported' ? ctx.listing.pull(request.cursor, null, request.signal) : page;
    }
    if (answer.kind === 'unsupported') return ctx.listing.pull(request.cursor, null, request.signal);
    if (answer.kind !== 'changes') return answer;
    if (answer.truncated && answer.token === token) return malformed('REPORT sync-collection', '507 without a new sync-token');

    const cursor = `sync:${answer.token}`;
    if (answer.changed.length === 0 && answer.removed.length === 0 && !answer.truncated) {
      return answer.token === from ? { kind: 'not-modified' } : { kind: 'not-modified', cursor };
    }
    // A delta leaves out the echoes of our own writes.
    const toRead = answer.changed.filter((c) => !ctx.ownWrites.isOwn(c.path, c.etag));
    const fetched = await multiget(
      ctx.http,
      ctx.bookUrl,
      toRead.map((c) => c.path),
      ctx.multigetBatch,
      request.signal,
    );
    if (!('records' in fetched)) return fetched;
    const changes: RemoteChange[] = fetched.records.map((record) => ({ kind: 'upsert', record }));
    // 404 members are deletions; ones the replica never knew are ignored by the engine.
    for (const remoteId of [...answer.removed, ...fetched.missing]) changes.push({ kind: 'delete', remoteId });
    // The engine refuses an empty page with `more` (a server that never ends): ask on instead.
    if (changes.length > 0 || !answer.truncated) return { kind: 'page', mode: 'delta', changes, cursor, more: answer.truncated };
    token = answer.token;
  }
  return malformed('REPORT sync-collection', `${MAX_EMPTY_PIECES} truncated pieces without a change to report`);
}
