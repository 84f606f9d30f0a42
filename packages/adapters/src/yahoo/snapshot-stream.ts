import type { RemoteChange, RequestFailure } from '@contactsync/core';
import { PagedBody, retryAfterMs, type BodyDecoder, type StreamingResponse } from '../kit/index.js';
import type { ResponseItem, ResponseSplitter } from './codec.js';
import { changedCategories, encodeCursor, type CursorState } from './cursor.js';
import { jsonResponseSplitter } from './json-response-splitter.js';
import { toRemoteContact } from './mapping.js';
import { failureOutcome } from './outcomes.js';
import { malformedResponse, UNREACHABLE, type TransportOptions } from './transport.js';
import type { WireCategory } from './wire.js';
import { xmlResponseSplitter } from './xml-response-splitter.js';

/**
 * A `synchronize` answer with `myrev=0` (the whole book as `add-contact` events, docs/yahoo.md §2.2)
 * read as it arrives and handed out as snapshot pages (kit/paged-body.ts, docs/streaming-pull.md).
 * `finalCursor` is the cursor of the whole snapshot; it is only asked for after the body's end.
 */
export function snapshotStream(
  options: TransportOptions,
  response: StreamingResponse,
  prior: CursorState | null,
): { readonly body: PagedBody; readonly finalCursor: () => string } {
  const splitter = options.codec.format === 'json' ? jsonResponseSplitter() : xmlResponseSplitter();
  const decoder = new SnapshotDecoder(splitter, prior, retryAfterMs(response.headers));
  const body = new PagedBody(response, decoder, {
    aborted: () => ({
      kind: 'failed',
      code: 'aborted',
      userMessage: UNREACHABLE,
      debugMessage: 'GET synchronize: aborted while the book streamed',
      maybeCommitted: false,
    }),
    abandoned: () => malformedResponse('GET synchronize: the book was abandoned before its end', false),
  });
  return { body, finalCursor: () => decoder.cursor() };
}

class SnapshotDecoder implements BodyDecoder {
  private names = new Map<number, string>();
  private version = '';
  private head: { readonly rev: number; readonly categories: readonly WireCategory[] } | null = null;
  private events = 0;
  /** Contacts handed out, and those of them a later event removed (the protocol sends neither twice; handled all the same). */
  private readonly handedOut = new Set<number>();
  private readonly removed = new Set<number>();

  constructor(
    private readonly splitter: ResponseSplitter,
    private readonly prior: CursorState | null,
    private readonly retryAfter: number | null,
  ) {}

  push(text: string): readonly RemoteChange[] | RequestFailure {
    return this.read(() => this.splitter.push(text), false);
  }

  end(): readonly RemoteChange[] | RequestFailure {
    return this.read(() => this.splitter.end(), true);
  }

  /** The snapshot's cursor (pull.ts `snapshotPage` did the same for a response read whole). */
  cursor(): string {
    const head = this.head;
    if (head === null) throw new Error('the snapshot has not been read');
    // A server may leave the table out of a response without events (docs/yahoo.md, "Categories"): the known one stands.
    const categories = this.events === 0 && head.categories.length === 0 ? (this.prior?.categories ?? []) : head.categories;
    const former = this.prior === null ? [] : [...this.prior.former, ...changedCategories(this.prior.categories, categories)];
    return encodeCursor({ rev: head.rev, categories, former, resync: false });
  }

  private read(next: () => ResponseItem[], last: boolean): readonly RemoteChange[] | RequestFailure {
    let items: ResponseItem[];
    try {
      items = next();
    } catch (failure) {
      // MalformedBody from the checks, or JSON.parse's SyntaxError for a piece that is not JSON.
      return malformedResponse(`GET synchronize: ${failure instanceof Error ? failure.message : 'unreadable body'}`, false);
    }
    const changes: RemoteChange[] = [];
    for (const item of items) {
      if (item.kind === 'error') return failureOutcome(item.error, { retryAfterMs: this.retryAfter, writes: false });
      if (item.kind === 'head') {
        this.head = item;
        this.names = new Map(item.categories.map((c) => [c.catid, c.name]));
        this.version = String(item.rev);
        continue;
      }
      const { event } = item;
      this.events++;
      if (event.type === 'address-book-reset') continue;
      if (event.type === 'remove-contact') {
        if (this.handedOut.has(event.cid)) this.removed.add(event.cid);
        continue;
      }
      const { cid } = event.contact;
      this.handedOut.add(cid);
      this.removed.delete(cid);
      changes.push({ kind: 'upsert', record: toRemoteContact(event.contact, (id) => this.names.get(id), this.version) });
    }
    // Removals wait for the body's end: nothing is deleted on the strength of a body that may yet fail.
    if (last) for (const cid of this.removed) changes.push({ kind: 'delete', remoteId: String(cid) });
    return changes;
  }
}
