import type { RemoteChange, RequestFailure } from '@contactsync/core';
import type { StreamingResponse } from '../kit/index.js';
import { BookSplitter } from './book-splitter.js';
import { decodeBookContact } from './codec.js';
import { malformed, USER_MESSAGES, WL_CODES, type RequestLine } from './outcomes.js';
import { recordFromWire } from './record.js';

/** Contacts in the first page of a streamed book: few, so the first rows are stored early (issue 16). */
export const FIRST_PAGE = 500;
/** Contacts in each later page: the engine's default chunk, one transaction each. */
export const LATER_PAGE = 2_000;
/** Body text read ahead of the decoder, at most (characters; about 4 MB of a book, ~3,000 contacts). */
const AHEAD_CHARS = 4 * 1024 * 1024;

export type BookPage = { readonly kind: 'changes'; readonly changes: RemoteChange[]; readonly done: boolean } | RequestFailure;

/**
 * A whole book (a 200 to the root GET) read as it arrives and handed out in pages. While the engine
 * stores one page, the next is read and decoded (one page ahead, no more: memory stays bounded by
 * two pages and one network chunk, whatever the book's size). A body that fails part-way ends in a
 * typed failure; pages already handed out were real contacts, and the snapshot's cursor and the
 * deletions it implies are only applied after its last page (core's pull-run), so nothing is
 * applied as if the book were complete.
 */
export class BookStream {
  private readonly splitter = new BookSplitter();
  private readonly queue: RemoteChange[] = [];
  private ended = false;
  private failure: RequestFailure | null = null;
  /** The read-ahead in progress, if any. */
  private ahead: Promise<void> | null = null;
  private pages = 0;
  /** Body text read but not yet split, and its length in characters. */
  private readonly texts: string[] = [];
  private textChars = 0;
  private pumping = false;
  /** How the body ended, once it has. */
  private bodyDone: { readonly kind: 'end' } | RequestFailure | null = null;
  /** Wakes `fill` when the pump has read something. */
  private arrived: (() => void) | null = null;

  constructor(
    private readonly response: StreamingResponse,
    private readonly line: RequestLine,
    /** The response's `Last-Modified`: every record's version and the snapshot's cursor. */
    readonly lastModified: string,
  ) {}

  /** The next page: at least one change unless it is the last. Then starts reading the one after. */
  async next(signal: AbortSignal | undefined): Promise<BookPage> {
    const size = this.pages === 0 ? FIRST_PAGE : LATER_PAGE;
    // The read-ahead was started without a signal (the next call's was not known yet): this call's abort stops it.
    const onAbort = (): void => {
      this.failure ??= aborted(this.line);
      this.response.cancel();
    };
    if (signal?.aborted === true) onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      if (this.ahead !== null) await this.ahead;
      await this.fill(size);
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
    if (this.failure !== null) return this.failure;
    const changes = this.queue.splice(0, size);
    const done = this.ended && this.queue.length === 0;
    this.pages++;
    if (!done) this.ahead = this.fill(LATER_PAGE);
    return { kind: 'changes', changes, done };
  }

  /** Gives up on the rest of the body (a new pull started, or the engine went away). */
  cancel(): void {
    this.ended = true;
    this.failure ??= malformed(this.line, 'the book was abandoned before its end', false);
    this.response.cancel();
  }

  /** Decodes until `size` changes are queued, the body ends, or it fails. Never rejects. */
  private async fill(size: number): Promise<void> {
    this.pump();
    while (!this.ended && this.failure === null && this.queue.length < size) {
      const text = this.texts.shift();
      if (text !== undefined) {
        this.textChars -= text.length;
        this.pump();
        const split = this.splitter.push(text);
        this.take(split.ok ? split.contacts : null, split);
      } else if (this.bodyDone?.kind === 'end') {
        this.ended = true;
        const last = this.splitter.end();
        this.take(last.ok ? [] : null, last);
      } else if (this.bodyDone !== null) {
        this.failure = this.bodyDone;
      } else {
        await new Promise<void>((resolve) => (this.arrived = resolve));
      }
    }
  }

  /**
   * Keeps the network busy while pages are decoded and stored: the body is read on into a queue of
   * text of at most `AHEAD_CHARS` (so a server cannot make the book pile up in memory), and the
   * connection waits only when that queue is full.
   */
  private pump(): void {
    if (this.pumping || this.bodyDone !== null) return;
    this.pumping = true;
    void (async () => {
      while (this.textChars < AHEAD_CHARS && this.bodyDone === null) {
        const piece = await this.response.read();
        if (piece.kind === 'text') {
          this.texts.push(piece.text);
          this.textChars += piece.text.length;
        } else {
          this.bodyDone = piece;
        }
        const arrived = this.arrived;
        this.arrived = null;
        arrived?.();
      }
      this.pumping = false;
    })();
  }

  private take(contacts: readonly string[] | null, split: { readonly ok: boolean; readonly problem?: string }): void {
    if (contacts === null) {
      this.fail(split.problem ?? 'not a book');
      return;
    }
    for (const xml of contacts) {
      const decoded = decodeBookContact(xml);
      if (!decoded.ok) return this.fail(decoded.problem);
      const contact = decoded.value;
      if (contact === undefined) continue; // Unreadable: skipped, as in a book decoded whole.
      if (contact.ID === undefined || contact.ID === '') return this.fail('a <Contact> without an <ID>');
      // A whole book lists what exists; a tombstone in one says nothing more than its absence.
      if (contact.IsDeleted?.trim().toLowerCase() === 'true') continue;
      this.queue.push({ kind: 'upsert', record: recordFromWire(contact.ID, contact, this.lastModified) });
    }
  }

  private fail(problem: string): void {
    this.failure = malformed(this.line, problem, false);
    this.response.cancel();
  }
}

function aborted(line: RequestLine): RequestFailure {
  return {
    kind: 'failed',
    code: WL_CODES.aborted,
    userMessage: USER_MESSAGES.aborted,
    debugMessage: `${line.method} ${line.path}: aborted while the book streamed`,
    maybeCommitted: false,
  };
}
