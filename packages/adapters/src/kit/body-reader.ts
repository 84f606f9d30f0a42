/**
 * A response body read piece by piece as strict UTF-8 text (the kit transport's streaming read).
 * Bytes are decoded as they arrive with one `TextDecoder` in `fatal` + `stream` mode, so a character
 * split across network chunks decodes once whole, and a byte sequence that is not UTF-8 (or a body
 * that ends inside a character) is refused instead of being replaced with U+FFFD. A byte cap bounds
 * what a server can make the client hold.
 */

/** One step of a body read: text (never empty), the end, or why the body could not be read. */
export type BodyPiece =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'end' }
  | { readonly kind: 'error'; readonly reason: 'not-utf8' | 'too-large' | 'stopped'; readonly error?: unknown };

export interface BodySource {
  readonly body: ReadableStream<Uint8Array> | null;
  /** At most this many bytes are read; past it the read ends with `too-large`. */
  readonly maxBytes: number;
}

export interface BodyReader {
  /** The next piece. After `end` or an error every call answers the same. */
  read(): Promise<BodyPiece>;
  /** Stops reading and releases the connection; a pending `read` answers `stopped`. Idempotent. */
  cancel(reason?: unknown): void;
  /** Bytes received so far. */
  readonly bytes: number;
}

export function createBodyReader(source: BodySource): BodyReader {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const reader = source.body?.getReader() ?? null;
  let bytes = 0;
  let finished: BodyPiece | null = reader === null ? { kind: 'end' } : null;
  let cancelled: { reason: unknown } | null = null;

  const finish = (piece: BodyPiece): BodyPiece => {
    finished = piece;
    if (piece.kind === 'error' && reader !== null) reader.cancel(piece.error).catch(() => undefined);
    return piece;
  };

  const read = async (): Promise<BodyPiece> => {
    for (;;) {
      if (finished !== null) return finished;
      if (reader === null) return finish({ kind: 'end' });
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch (error) {
        return finish({ kind: 'error', reason: 'stopped', error });
      }
      if (cancelled !== null) return finish({ kind: 'error', reason: 'stopped', error: cancelled.reason });
      if (chunk.done) {
        try {
          // Flushes: a body that ends inside a multi-byte character throws here.
          const rest = decoder.decode();
          if (rest !== '') {
            finished = { kind: 'end' };
            return { kind: 'text', text: rest };
          }
        } catch {
          return finish({ kind: 'error', reason: 'not-utf8' });
        }
        return finish({ kind: 'end' });
      }
      bytes += chunk.value.byteLength;
      if (bytes > source.maxBytes) return finish({ kind: 'error', reason: 'too-large' });
      let text: string;
      try {
        text = decoder.decode(chunk.value, { stream: true });
      } catch {
        return finish({ kind: 'error', reason: 'not-utf8' });
      }
      if (text !== '') return { kind: 'text', text };
      // A chunk holding only part of a character: read on.
    }
  };

  return {
    read,
    cancel: (reason) => {
      if (finished !== null || cancelled !== null) return;
      cancelled = { reason };
      reader?.cancel(reason).catch(() => undefined);
    },
    get bytes() {
      return bytes;
    },
  };
}
