import type { PullOutcome, RemoteContact } from '@contactsync/core';
import { listBook } from './book-listing.js';
import type { DavHttp } from './http.js';
import { multiget } from './multiget.js';

export interface FillContext {
  readonly http: DavHttp;
  readonly bookUrl: string;
  readonly multigetBatch: number;
  /** Cards per snapshot page: a multiple of `multigetBatch` (client.ts rounds it up). */
  readonly pageSize: number;
  /**
   * A page ends early when the next multiget, taking as long as the last, would pass this much
   * time in it: the engine gives one pull call its request timeout (30 s by default), and a slow
   * server (Xandikos' multiget cost grows with the book's size) must not make every page time out
   * and start again.
   */
  readonly pageTimeMs: number;
  /** A monotonic clock in milliseconds. */
  readonly now: () => number;
}

/** `fill:<token, URI-encoded>:<last href done>`: the token holds no ':' once encoded, the href may. */
export const fillCursor = (token: string, after: string): string => `fill:${encodeURIComponent(token)}:${after}`;

export function parseFillCursor(value: string): { readonly token: string; readonly after: string } | null {
  const split = value.indexOf(':');
  if (split < 0) return null;
  try {
    return { token: decodeURIComponent(value.slice(0, split)), after: value.slice(split + 1) };
  } catch {
    return null; // Not one of ours: start again.
  }
}

/** Index of the first of the sorted `paths` after `after`. */
function firstAfter(paths: readonly string[], after: string): number {
  let low = 0;
  let high = paths.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((paths[mid] ?? '') <= after) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * A snapshot (first sync, or a resync after a refused token) read in pages, so rows appear as they
 * arrive and a crash resumes where it stopped (docs/carddav.md "Snapshots in pages"):
 *
 * 1. One sync-collection with an empty token lists every href with the token T it was taken at.
 * 2. Each pull reads the next `pageSize` hrefs in code-unit order with addressbook-multiget and
 *    returns them as a resumable snapshot page whose cursor `fill:T:<last href>` the engine stores
 *    with the page.
 * 3. The last page's cursor is `sync:T`, so the delta after the snapshot starts from the token taken
 *    before the first card was read: whatever changed on the server during the fill comes then.
 *    It lists the whole listing in `present`, since pages applied before a restart are no longer
 *    in the engine's memory; the snapshot's deletions are worked out against it.
 *
 * The listing is kept in memory for the next pull of this client; a new process (or a listing
 * dropped by a push) lists the book again once and continues after the stored href. Cards added
 * meanwhile with a smaller href, and cards removed meanwhile, come with the delta after.
 */
export class SnapshotFill {
  private held: { readonly token: string; readonly paths: readonly string[] } | null = null;

  constructor(private readonly ctx: FillContext) {}

  /** Drops the listing (this client wrote to the book: a listing must include its writes). */
  forget(): void {
    this.held = null;
  }

  /** A new snapshot: lists the book, then reads its first page. */
  async begin(signal: AbortSignal | undefined): Promise<PullOutcome | 'unsupported'> {
    const listing = await listBook(this.ctx.http, this.ctx.bookUrl, signal);
    if (listing === 'unsupported' || 'kind' in listing) return listing;
    this.held = { token: listing.token, paths: listing.members.map((m) => m.path) };
    return this.page(this.held, null, signal);
  }

  /** The page after `after` of the snapshot taken at `token`, listing the book again if it was forgotten. */
  async resume(token: string, after: string, signal: AbortSignal | undefined): Promise<PullOutcome | 'unsupported'> {
    if (this.held?.token !== token) {
      const listing = await listBook(this.ctx.http, this.ctx.bookUrl, signal);
      if (listing === 'unsupported' || 'kind' in listing) return listing;
      // The new listing's own token is not kept: the delta must start before the first page.
      this.held = { token, paths: listing.members.map((m) => m.path) };
    }
    return this.page(this.held, after, signal);
  }

  private async page(
    held: { readonly token: string; readonly paths: readonly string[] },
    after: string | null,
    signal: AbortSignal | undefined,
  ): Promise<PullOutcome> {
    const { paths, token } = held;
    const { http, bookUrl, multigetBatch, pageSize, pageTimeMs, now } = this.ctx;
    const started = now();
    let next = after === null ? 0 : firstAfter(paths, after);
    let inPage = 0;
    const changes: { readonly kind: 'upsert'; readonly record: RemoteContact }[] = [];
    let previous = started;
    while (next < paths.length) {
      const batch = paths.slice(next, next + multigetBatch);
      const fetched = await multiget(http, bookUrl, batch, multigetBatch, signal);
      if (!('records' in fetched)) return fetched;
      for (const record of fetched.records) changes.push({ kind: 'upsert', record });
      next += batch.length;
      inPage += batch.length;
      // Cards deleted meanwhile are not read (the delta after removes them), and a page must
      // carry something: a batch that found none does not end the page.
      // The next batch is expected to take as long as this one did.
      const at = now();
      const full = inPage >= pageSize || at - started + (at - previous) > pageTimeMs;
      previous = at;
      if (changes.length > 0 && full) break;
    }
    if (next >= paths.length) {
      this.held = null;
      return { kind: 'page', mode: 'snapshot', changes, cursor: `sync:${token}`, more: false, present: paths };
    }
    return { kind: 'page', mode: 'snapshot', changes, cursor: fillCursor(token, paths[next - 1] ?? ''), more: true, resumable: true };
  }
}
