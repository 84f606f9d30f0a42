import type { PullOutcome } from '@contactsync/core';
import type { PagedBody } from './paged-body.js';

/**
 * A page cursor inside a whole book that is still being read: `stream:{book}:{page}`. Only ever
 * handed back to continue that book; the engine stores a snapshot's cursor after its last page.
 */
const CONTINUATION = /^stream:([0-9]+):[0-9]+$/;

/**
 * The snapshot a service pull is handing out while its body streams (docs/streaming-pull.md): one
 * book at a time per client. Each page is a core `PullPage` with `mode: 'snapshot'`; all but the last
 * carry `more: true` and a continuation cursor, the last one the cursor `finalCursor` answers once
 * the body has been read whole. A new pull abandons a book nobody continued.
 */
export class StreamedSnapshots {
  private live: { readonly id: number; readonly body: PagedBody; readonly finalCursor: () => string; pages: number } | null = null;
  private books = 0;

  /** The book a continuation cursor asks for: `'live'` when it is the one being read, `'lost'` for any other, null for a cursor that is not a continuation. */
  continues(cursor: string | null): 'live' | 'lost' | null {
    const continued = cursor === null ? null : CONTINUATION.exec(cursor);
    if (continued === null) return null;
    return this.live !== null && String(this.live.id) === continued[1] ? 'live' : 'lost';
  }

  /** Abandons the book being read, if any (a new pull starts from the stored cursor). */
  abandon(): void {
    this.live?.body.cancel();
    this.live = null;
  }

  /** Starts handing out a new book; answers its first page. */
  start(body: PagedBody, finalCursor: () => string, signal: AbortSignal | undefined): Promise<PullOutcome> {
    this.abandon();
    this.live = { id: ++this.books, body, finalCursor, pages: 0 };
    return this.next(signal);
  }

  /** The next page of the book being read (after `continues` answered `'live'`). */
  async next(signal: AbortSignal | undefined): Promise<PullOutcome> {
    const current = this.live;
    if (current === null) throw new Error('no book is being read');
    const page = await current.body.next(signal);
    if (page.kind !== 'changes') {
      this.live = null;
      return page;
    }
    if (page.done) {
      this.live = null;
      return { kind: 'page', mode: 'snapshot', changes: page.changes, cursor: current.finalCursor(), more: false };
    }
    current.pages++;
    return { kind: 'page', mode: 'snapshot', changes: page.changes, cursor: `stream:${current.id}:${current.pages}`, more: true };
  }
}
