import { describe, expect, it } from 'vitest';
import { createBodyReader, type BodyPiece } from './body-reader.js';

function streamOf(chunks: readonly Uint8Array[]): ReadableStream<Uint8Array> {
  let i = 0;
  return new ReadableStream({
    pull(controller) {
      const chunk = chunks[i++];
      if (chunk === undefined) controller.close();
      else controller.enqueue(chunk);
    },
  });
}

/** Splits bytes into pieces of `size` (cutting through multi-byte characters). */
function split(bytes: Uint8Array, size: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += size) out.push(bytes.slice(i, i + size));
  return out;
}

async function readAll(chunks: readonly Uint8Array[], maxBytes = 1 << 20): Promise<{ text: string; last: BodyPiece }> {
  const reader = createBodyReader({ body: streamOf(chunks), maxBytes });
  let text = '';
  for (;;) {
    const piece = await reader.read();
    if (piece.kind !== 'text') return { text, last: piece };
    expect(piece.text).not.toBe('');
    text += piece.text;
  }
}

const SAMPLE = 'Zoë Åström – 東京 😀 <Contact>';

describe('createBodyReader', () => {
  it('decodes characters split across network chunks, whatever the chunk size', async () => {
    const bytes = new TextEncoder().encode(SAMPLE);
    for (const size of [1, 2, 3, 5, bytes.length]) {
      const { text, last } = await readAll(split(bytes, size));
      expect(last).toEqual({ kind: 'end' });
      expect(text).toBe(SAMPLE);
    }
  });

  it('refuses bytes that are not UTF-8 and a body that ends inside a character', async () => {
    const bytes = new TextEncoder().encode(SAMPLE);
    const bad = new Uint8Array([...bytes.slice(0, 4), 0xff, ...bytes.slice(4)]);
    expect((await readAll(split(bad, 3))).last).toMatchObject({ kind: 'error', reason: 'not-utf8' });
    const emoji = bytes.indexOf(0xf0);
    expect((await readAll([bytes.slice(0, emoji + 2)])).last).toMatchObject({ kind: 'error', reason: 'not-utf8' });
  });

  it('stops at the byte cap', async () => {
    const bytes = new TextEncoder().encode('x'.repeat(100));
    expect((await readAll(split(bytes, 10), 100)).last).toEqual({ kind: 'end' });
    expect((await readAll(split(bytes, 10), 99)).last).toMatchObject({ kind: 'error', reason: 'too-large' });
  });

  it('answers a pending read with `stopped` when cancelled', async () => {
    const reader = createBodyReader({ body: new ReadableStream<Uint8Array>({ pull: () => new Promise(() => undefined) }), maxBytes: 10 });
    const pending = reader.read();
    reader.cancel(new Error('gone'));
    expect(await pending).toMatchObject({ kind: 'error', reason: 'stopped' });
  });
});
