import type { PullOutcome, RequestFailure } from '@contactsync/core';
import type { DavHttp } from './http.js';
import { bookCtag, listMembers } from './listing.js';
import { multiget } from './multiget.js';
import type { OwnWrites } from './own-writes.js';

export interface ListingContext {
  readonly http: DavHttp;
  readonly bookUrl: string;
  readonly multigetBatch: number;
  readonly ownWrites: OwnWrites;
}

/**
 * For a book without sync-collection (docs/carddav.md "Books without sync-collection"): getctag
 * unchanged means not modified; otherwise a Depth 1 getetag listing, compared with the ETags of the
 * snapshot this client last returned, so only new and changed cards are read. That memory is valid
 * only for the replica that applied it: it is kept with the cursor it was returned with, and used
 * only when the engine pulls from exactly that cursor (so a page the engine failed to apply, or a
 * restart, costs one full read, never a missed card). The page is a snapshot whose `present` lists
 * every member, so members missing from the listing are deleted by the engine.
 */
export class ListingPull {
  private known: { readonly cursor: string; readonly etags: ReadonlyMap<string, string> } | null = null;

  constructor(private readonly ctx: ListingContext) {}

  async pull(cursor: string | null, ctagKnown: string | null, signal: AbortSignal | undefined): Promise<PullOutcome> {
    const { http, bookUrl } = this.ctx;
    const ctag = await bookCtag(http, bookUrl, signal);
    if (typeof ctag === 'object' && ctag !== null) return ctag satisfies RequestFailure;
    if (ctag !== null && ctag === ctagKnown) return { kind: 'not-modified' };
    const members = await listMembers(http, bookUrl, signal);
    if (!isList(members)) return members;
    const previous = this.known !== null && this.known.cursor === cursor ? this.known.etags : null;
    // With no memory of what the replica holds, every card is read.
    const toRead =
      previous === null ? members : members.filter((m) => previous.get(m.path) !== m.etag && !this.ctx.ownWrites.isOwn(m.path, m.etag));
    const fetched = await multiget(
      http,
      bookUrl,
      toRead.map((m) => m.path),
      this.ctx.multigetBatch,
      signal,
    );
    if (!('records' in fetched)) return fetched;
    const etags = new Map(members.map((m) => [m.path, m.etag]));
    for (const record of fetched.records) etags.set(record.remoteId, record.version);
    for (const path of fetched.missing) etags.delete(path);
    const next = `ctag:${ctag ?? ''}`;
    // Without a ctag every cursor is the same string, so it cannot say which snapshot was applied.
    this.known = ctag === null ? null : { cursor: next, etags };
    return {
      kind: 'page',
      mode: 'snapshot',
      changes: fetched.records.map((record) => ({ kind: 'upsert', record })),
      cursor: next,
      more: false,
      present: [...etags.keys()],
    };
  }
}

/** `Array.isArray` narrows a readonly array to `any[]`; this keeps the element type. */
function isList<T>(value: readonly T[] | RequestFailure): value is readonly T[] {
  return Array.isArray(value);
}
