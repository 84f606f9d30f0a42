/**
 * Cuts the records of an XML response out of its text as the body arrives (issue 16), so each is
 * decoded and handed on while the rest is still on the wire and the whole document is never held.
 * It tokenizes only markup boundaries: element nesting (start and end names must match), comments,
 * processing instructions, CDATA, quoted attribute values, a DOCTYPE. What lies inside a record is
 * checked by the record's own decoder. Structure stays strict: a body that ends early, closes the
 * wrong element or holds anything after its root is a problem, never a smaller document.
 */

export type SplitResult = { readonly ok: true; readonly records: string[] } | { readonly ok: false; readonly problem: string };

/** A start tag above the records' depth (or at it), as the service's rules see it. */
export interface OpenedTag {
  /** As written (prefix included). */
  readonly name: string;
  /** 0 for the root. */
  readonly depth: number;
  /** The names of the open elements around it, outermost first. */
  readonly open: readonly string[];
  /** The whole start tag, `<` to `>` (its attributes). */
  readonly tag: string;
}

export interface SplitRules {
  /** The depth of the elements handed out whole: 1 for the root's children. */
  readonly recordDepth: number;
  /** The root's name, for messages. */
  readonly rootName: string;
  /** Whether a DOCTYPE without an internal subset is let through (never read); otherwise any DOCTYPE is refused. */
  readonly externalDoctype: boolean;
  /** Each start tag not inside a record: `record` (hand it out whole), `open`, or the problem it is. */
  opened(tag: OpenedTag): 'record' | 'open' | { readonly problem: string };
}

const WHITESPACE = /^[ \t\r\n]*$/;
const MAX_DEPTH = 64;

export class XmlSplitter {
  /** Unconsumed text: from the start of an open record, or of markup not yet complete. */
  private buffer = '';
  /** Where scanning resumes in `buffer`. */
  private pos = 0;
  /** Names of the open elements, as written. */
  private readonly open: string[] = [];
  /** Offset in `buffer` of the record being collected, or -1. */
  private recordStart = -1;
  private rootSeen = false;
  private failed: string | null = null;

  constructor(private readonly rules: SplitRules) {}

  /** Feeds the next piece of the body; answers the records it completed. */
  push(text: string): SplitResult {
    if (this.failed !== null) return { ok: false, problem: this.failed };
    const keepFrom = this.recordStart >= 0 ? this.recordStart : this.pos;
    this.buffer = this.buffer.slice(keepFrom) + text;
    this.pos -= keepFrom;
    if (this.recordStart >= 0) this.recordStart -= keepFrom;
    const records: string[] = [];
    const problem = this.scan(records);
    return problem === null ? { ok: true, records } : this.fail(problem);
  }

  /** The body ended: it must have been one whole document. */
  end(): SplitResult {
    if (this.failed !== null) return { ok: false, problem: this.failed };
    const rest = this.buffer.slice(this.pos);
    if (!this.rootSeen) return this.fail(`expected one <${this.rules.rootName}> root element, got none`);
    if (this.open.length > 0 || !WHITESPACE.test(rest))
      return this.fail(`the body ended inside <${this.open.at(-1) ?? this.rules.rootName}> (truncated)`);
    return { ok: true, records: [] };
  }

  private fail(problem: string): SplitResult {
    this.failed = problem;
    return { ok: false, problem };
  }

  /** Scans complete markup from `pos`; stops at the first incomplete piece. Returns a problem or null. */
  private scan(records: string[]): string | null {
    const b = this.buffer;
    for (;;) {
      const lt = b.indexOf('<', this.pos);
      const textEnd = lt < 0 ? b.length : lt;
      // Text between elements is left to the records' decoders; outside the root it must be blank.
      if (this.open.length === 0 && textEnd > this.pos && !WHITESPACE.test(b.slice(this.pos, textEnd)))
        return 'text outside the root element';
      if (lt < 0) {
        this.pos = b.length;
        return null;
      }
      this.pos = lt;
      const next = b.charCodeAt(lt + 1);
      if (Number.isNaN(next)) return null;
      let end: number;
      if (next === 0x21 /* ! */) {
        const declared = this.declaration(b, lt);
        if (typeof declared === 'string') return declared;
        if (declared < 0) return null;
        end = declared;
      } else if (next === 0x3f /* ? */) {
        end = b.indexOf('?>', lt + 2);
        if (end < 0) return null;
        end += 2;
      } else if (next === 0x2f /* / */) {
        const gt = b.indexOf('>', lt + 2);
        if (gt < 0) return null;
        end = gt + 1;
        const name = b.slice(lt + 2, gt).trimEnd();
        const top = this.open.pop();
        if (top !== name) return `</${name}> closes <${top ?? 'nothing'}>`;
        if (this.recordStart >= 0 && this.open.length === this.rules.recordDepth) {
          records.push(b.slice(this.recordStart, end));
          this.recordStart = -1;
        }
      } else {
        const gt = tagEnd(b, lt + 1);
        if (gt < 0) return null;
        end = gt + 1;
        const selfClosing = b.charCodeAt(gt - 1) === 0x2f;
        const name = b.slice(lt + 1, nameEnd(b, lt + 1, gt));
        if (name === '') return 'an element without a name';
        const problem = this.enter(name, lt, end, selfClosing, records);
        if (problem !== null) return problem;
      }
      this.pos = end;
    }
  }

  /** `<!`: a comment, CDATA or a DOCTYPE. Its end, -1 when it has not all arrived, or a problem. */
  private declaration(b: string, lt: number): number | string {
    // Not enough yet to tell a comment or CDATA from a declaration.
    const head = b.slice(lt, lt + 9);
    if (head.length < 9 && ['<![CDATA[', '<!--', '<!DOCTYPE'].some((start) => start.startsWith(head))) return -1;
    if (b.startsWith('<!--', lt)) {
      const end = b.indexOf('-->', lt + 4);
      return end < 0 ? -1 : end + 3;
    }
    if (b.startsWith('<![CDATA[', lt)) {
      if (this.open.length === 0) return 'CDATA outside the root element';
      const end = b.indexOf(']]>', lt + 9);
      return end < 0 ? -1 : end + 3;
    }
    if (!this.rules.externalDoctype || this.rootSeen || !b.startsWith('<!DOCTYPE', lt)) return 'the body declares a DOCTYPE';
    // A DOCTYPE line naming an external DTD is tolerated (never fetched); an internal subset could declare entities.
    const end = tagEnd(b, lt + 2);
    if (end < 0) return -1;
    return /^[^"'[]*(("[^"]*"|'[^']*')[^"'[]*)*$/.test(b.slice(lt, end)) ? end + 1 : 'DOCTYPE with an internal subset';
  }

  private enter(name: string, start: number, end: number, selfClosing: boolean, records: string[]): string | null {
    const depth = this.open.length;
    // The schemas nest a few deep; a body nesting far deeper is hostile (and a tree decoder could not read it either).
    if (depth >= MAX_DEPTH) return `elements nested deeper than ${MAX_DEPTH}`;
    if (depth > this.rules.recordDepth || this.recordStart >= 0) {
      // Inside a record (its own decoder reads it), or below an element that is not one.
      if (!selfClosing) this.open.push(name);
      return null;
    }
    if (depth === 0) {
      if (this.rootSeen) return 'content after the root element';
      this.rootSeen = true;
    }
    const decision = this.rules.opened({ name, depth, open: this.open, tag: this.buffer.slice(start, end) });
    if (decision === 'record') {
      if (selfClosing) records.push(this.buffer.slice(start, end));
      else this.recordStart = start;
    } else if (decision !== 'open') {
      return decision.problem;
    }
    if (!selfClosing) this.open.push(name);
    return null;
  }
}

/** The `>` ending a tag that begins at `from`, skipping quoted attribute values; -1 if not yet arrived. */
function tagEnd(b: string, from: number): number {
  const gt = b.indexOf('>', from);
  if (gt < 0) return -1;
  let quoted = false;
  for (let i = from; i < gt && !quoted; i++) {
    const c = b.charCodeAt(i);
    quoted = c === 0x22 || c === 0x27;
  }
  if (!quoted) return gt; // The common case: no attribute value before the first `>`.
  let quote = 0;
  for (let i = from; i < b.length; i++) {
    const c = b.charCodeAt(i);
    if (quote !== 0) {
      if (c === quote) quote = 0;
    } else if (c === 0x22 || c === 0x27) quote = c;
    else if (c === 0x3e) return i;
  }
  return -1;
}

/** Where an element name starting at `from` ends: at white space, `/` or `>` (before `limit`). */
function nameEnd(b: string, from: number, limit: number): number {
  for (let i = from; i < limit; i++) {
    const c = b.charCodeAt(i);
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x2f) return i;
  }
  return limit;
}
