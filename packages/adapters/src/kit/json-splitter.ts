/**
 * Cuts a JSON response of the shape `{ ..., "<key>": [ record, record, ... ], ... }` into pieces as
 * the body arrives (issue 16): the raw text of each element of the one streamed array, and of every
 * other member of the root object, in body order. Only the structure between values is checked
 * here (a root object, string keys, colons, commas, nesting, strings with their escapes); each piece
 * is then read with `JSON.parse` by its decoder, which checks the rest. A body that ends early or
 * holds anything after its root is a problem, never a smaller document.
 */

export type JsonPiece =
  /** A member of the root object other than the streamed array: its key and raw value. */
  | { readonly kind: 'member'; readonly key: string; readonly raw: string }
  /** One element of the streamed array. */
  | { readonly kind: 'element'; readonly raw: string };

export type JsonSplit = { readonly ok: true; readonly pieces: JsonPiece[] } | { readonly ok: false; readonly problem: string };

type State = 'start' | 'first-key' | 'key' | 'colon' | 'value' | 'after-value' | 'first-element' | 'element' | 'after-element' | 'done';

const MAX_DEPTH = 64;
const isBlank = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
/** Where a number, `true`, `false` or `null` ends. */
const endsPrimitive = (c: number): boolean => isBlank(c) || c === 0x2c || c === 0x7d || c === 0x5d;

export class JsonSplitter {
  private buffer = '';
  private pos = 0;
  private state: State = 'start';
  private key = '';
  private streamed = false;
  private failed: string | null = null;
  /** The value being scanned: its start in `buffer` (-1: none), where scanning resumes, its nesting, whether inside a string. */
  private valueStart = -1;
  private valuePos = 0;
  private depth = 0;
  private inString = false;

  constructor(private readonly streamKey: string) {}

  push(text: string): JsonSplit {
    if (this.failed !== null) return { ok: false, problem: this.failed };
    const keep = this.valueStart >= 0 ? this.valueStart : this.pos;
    this.buffer = this.buffer.slice(keep) + text;
    this.pos -= keep;
    if (this.valueStart >= 0) {
      this.valueStart -= keep;
      this.valuePos -= keep;
    }
    const pieces: JsonPiece[] = [];
    const problem = this.scan(pieces);
    return problem === null ? { ok: true, pieces } : this.fail(problem);
  }

  end(): JsonSplit {
    if (this.failed !== null) return { ok: false, problem: this.failed };
    if (this.state === 'start') return this.fail('the body is not a JSON object');
    if (this.state !== 'done') return this.fail('the body ended inside the JSON document (truncated)');
    return { ok: true, pieces: [] };
  }

  private fail(problem: string): JsonSplit {
    this.failed = problem;
    return { ok: false, problem };
  }

  private scan(pieces: JsonPiece[]): string | null {
    const b = this.buffer;
    for (;;) {
      if (this.valueStart >= 0) {
        const end = this.scanValue();
        if (typeof end === 'string') return end;
        if (end < 0) return null;
        const problem = this.finishValue(b.slice(this.valueStart, end), pieces);
        if (problem !== null) return problem;
        this.valueStart = -1;
        this.pos = end;
        continue;
      }
      while (this.pos < b.length && isBlank(b.charCodeAt(this.pos))) this.pos++;
      if (this.pos >= b.length) return null;
      const c = b.charCodeAt(this.pos);
      const problem = this.step(c);
      if (problem !== null) return problem;
    }
  }

  /** One token between values. */
  private step(c: number): string | null {
    const at = this.pos;
    switch (this.state) {
      case 'start':
        if (c !== 0x7b) return 'the body is not a JSON object';
        this.state = 'first-key';
        break;
      case 'first-key':
      case 'key':
        if (c === 0x7d && this.state === 'first-key') {
          this.state = 'done';
          break;
        }
        if (c !== 0x22) return 'expected a member name in the JSON object';
        this.beginValue(at);
        return null;
      case 'colon':
        if (c !== 0x3a) return 'expected ":" in the JSON object';
        this.state = 'value';
        break;
      case 'value':
        if (this.key === this.streamKey) {
          if (this.streamed) return `"${this.streamKey}" twice in the JSON object`;
          this.streamed = true;
          if (c === 0x5b) {
            this.state = 'first-element';
            break;
          }
        }
        this.beginValue(at); // Any other member, or a streamed key whose value is not an array (its decoder refuses it).
        return null;
      case 'after-value':
        if (c === 0x2c) this.state = 'key';
        else if (c === 0x7d) this.state = 'done';
        else return 'expected "," or "}" in the JSON object';
        break;
      case 'first-element':
      case 'element':
        if (c === 0x5d && this.state === 'first-element') {
          this.state = 'after-value';
          break;
        }
        this.beginValue(at);
        return null;
      case 'after-element':
        if (c === 0x2c) this.state = 'element';
        else if (c === 0x5d) this.state = 'after-value';
        else return `expected "," or "]" in "${this.streamKey}"`;
        break;
      case 'done':
        return 'content after the JSON document';
    }
    this.pos = at + 1;
    return null;
  }

  private beginValue(at: number): void {
    this.valueStart = at;
    this.valuePos = at + 1;
    const c = this.buffer.charCodeAt(at);
    this.inString = c === 0x22;
    this.depth = c === 0x7b || c === 0x5b ? 1 : 0;
  }

  /** A complete value: where it goes depends on the state that began it. */
  private finishValue(raw: string, pieces: JsonPiece[]): string | null {
    if (this.state === 'first-key' || this.state === 'key') {
      try {
        this.key = JSON.parse(raw) as string;
      } catch {
        return 'a member name that is not a JSON string';
      }
      this.state = 'colon';
    } else if (this.state === 'value') {
      pieces.push({ kind: 'member', key: this.key, raw });
      this.state = 'after-value';
    } else {
      pieces.push({ kind: 'element', raw });
      this.state = 'after-element';
    }
    return null;
  }

  /** Continues the value at `valueStart`: its end, -1 when more text is needed, or a problem. */
  private scanValue(): number | string {
    const b = this.buffer;
    let i = this.valuePos;
    if (!this.inString && this.depth === 0) {
      // A number or literal: it ends at the first delimiter (which must have arrived).
      while (i < b.length && !endsPrimitive(b.charCodeAt(i))) i++;
      this.valuePos = i;
      return i < b.length ? i : -1;
    }
    for (;;) {
      if (this.inString) {
        const quote = b.indexOf('"', i);
        if (quote < 0) {
          this.valuePos = b.length;
          return -1;
        }
        let slashes = 0;
        while (b.charCodeAt(quote - 1 - slashes) === 0x5c) slashes++;
        i = quote + 1;
        if (slashes % 2 === 1) continue; // An escaped quote.
        this.inString = false;
        if (this.depth === 0) return i;
        continue;
      }
      // Between strings only `:`, `,`, numbers and literals: a plain loop to the next structural character (a regex allocates per match).
      let c = 0;
      while (i < b.length) {
        c = b.charCodeAt(i);
        if (c === 0x22 || c === 0x7b || c === 0x7d || c === 0x5b || c === 0x5d) break;
        i++;
      }
      if (i >= b.length) {
        this.valuePos = b.length;
        return -1;
      }
      i++;
      if (c === 0x22) {
        this.inString = true;
      } else if (c === 0x7b || c === 0x5b) {
        if (++this.depth > MAX_DEPTH) return `values nested deeper than ${MAX_DEPTH}`;
      } else if (--this.depth === 0) {
        return i;
      }
      this.valuePos = i;
    }
  }
}
