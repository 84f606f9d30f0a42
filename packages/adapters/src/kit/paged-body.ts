import type { RemoteChange, RequestFailure } from '@contactsync/core';
import type { StreamingResponse } from './transport.js';

/** Changes in the first page of a streamed body: few, so the first rows are stored early (issue 16). */
export const FIRST_PAGE = 500;
/** Changes in each later page: the engine's default chunk, one transaction each. */
export const LATER_PAGE = 2_000;
/** Body text read ahead of the decoder, at most (characters; about 4 MB, ~3,000 contacts). */
const AHEAD_CHARS = 4 * 1024 * 1024;
/** Text handed to the decoder at once, at most when it is there (pieces already read are joined up to this). */
const DECODE_CHARS = 64 * 1024;

/**
 * Turns a body's text, as it arrives, into remote changes. Each call answers the changes the text
 * completed (possibly none) or the failure that ends the body; after a failure it is not called again.
 */
export interface BodyDecoder {
  push(text: string): readonly RemoteChange[] | RequestFailure;
  /** The body ended: the last changes, or why the body as a whole is refused (a truncated document). */
  end(): readonly RemoteChange[] | RequestFailure;
}

export interface PagedBodyFailures {
  /** The caller's signal aborted while the body streamed. */
  aborted(): RequestFailure;
  /** A new pull started (or the engine went away) before the body ended. */
  abandoned(): RequestFailure;
}

export type BodyPage = { readonly kind: 'changes'; readonly changes: RemoteChange[]; readonly done: boolean } | RequestFailure;

const isFailure = (value: readonly RemoteChange[] | RequestFailure): value is RequestFailure => !Array.isArray(value);

/**
 * A response body read as it arrives and handed out in pages of changes. While the engine stores
 * one page, the next is read and decoded (one page ahead, no more: memory stays bounded by two pages
 * and the read-ahead, whatever the body's size). A body that fails part-way ends in a typed failure;
 * pages already handed out were real records, and a snapshot's cursor and the deletions it implies
 * are only applied after its last page (core's pull-run), so nothing is applied as if it were complete.
 */
export class PagedBody {
  private readonly queue: RemoteChange[] = [];
  private ended = false;
  private failure: RequestFailure | null = null;
  /** The read-ahead in progress, if any. */
  private ahead: Promise<void> | null = null;
  private pages = 0;
  /** Body text read but not yet decoded, and its length in characters. */
  private readonly texts: string[] = [];
  private textChars = 0;
  private pumping = false;
  /** How the body ended, once it has. */
  private bodyDone: { readonly kind: 'end' } | RequestFailure | null = null;
  /** Wakes `fill` when the pump has read something. */
  private arrived: (() => void) | null = null;

  constructor(
    private readonly response: StreamingResponse,
    private readonly decoder: BodyDecoder,
    private readonly failures: PagedBodyFailures,
  ) {}

  /** The next page: at least one change unless it is the last. Then starts decoding the one after. */
  async next(signal: AbortSignal | undefined): Promise<BodyPage> {
    const size = this.pages === 0 ? FIRST_PAGE : LATER_PAGE;
    // The read-ahead was started without a signal (the next call's was not known yet): this call's abort stops it.
    const onAbort = (): void => {
      this.failure ??= this.failures.aborted();
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
    this.failure ??= this.failures.abandoned();
    this.response.cancel();
  }

  /** Decodes until `size` changes are queued, the body ends, or it fails. Never rejects. */
  private async fill(size: number): Promise<void> {
    this.pump();
    while (!this.ended && this.failure === null && this.queue.length < size) {
      const text = this.nextText();
      if (text !== undefined) {
        this.pump();
        this.take(this.decoder.push(text));
      } else if (this.bodyDone?.kind === 'end') {
        this.ended = true;
        this.take(this.decoder.end());
      } else if (this.bodyDone !== null) {
        this.failure = this.bodyDone;
      } else {
        await new Promise<void>((resolve) => (this.arrived = resolve));
      }
    }
  }

  /**
   * The text read ahead, joined up to `DECODE_CHARS`: a network that delivers the body in pieces
   * of a few bytes would otherwise cost one decoder call per piece (issue 16, bench/results.md).
   */
  private nextText(): string | undefined {
    let text = this.texts.shift();
    if (text === undefined) return undefined;
    if (text.length < DECODE_CHARS && this.texts.length > 0) {
      const parts = [text];
      let chars = text.length;
      while (chars < DECODE_CHARS && this.texts.length > 0) {
        const next = this.texts.shift() as string;
        parts.push(next);
        chars += next.length;
      }
      text = parts.join('');
    }
    this.textChars -= text.length;
    return text;
  }

  /**
   * Keeps the network busy while pages are decoded and stored: the body is read on into a queue of
   * text of at most `AHEAD_CHARS` (so a server cannot make the body pile up in memory), and the
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

  private take(decoded: readonly RemoteChange[] | RequestFailure): void {
    if (isFailure(decoded)) {
      this.failure = decoded;
      this.response.cancel();
      return;
    }
    for (const change of decoded) this.queue.push(change);
  }
}

/** The rest of a streamed body as one string (a small answer: a delta page, an error). */
export async function readAll(response: StreamingResponse, signal: AbortSignal | undefined): Promise<string | RequestFailure> {
  const pieces: string[] = [];
  for (;;) {
    const piece = await response.read(signal);
    if (piece.kind === 'end') return pieces.join('');
    if (piece.kind !== 'text') return piece;
    pieces.push(piece.text);
  }
}
