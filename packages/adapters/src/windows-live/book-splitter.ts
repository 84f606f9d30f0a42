/**
 * Splits a `<LiveContacts>` book (docs/windows-live.md §1.3) into its `<Contact>` elements as the
 * body arrives, so each contact is decoded and handed on while the rest is still on the wire, and
 * the whole book is never held (issue 16). It tokenizes only markup boundaries, for this fixed
 * schema: element nesting (start/end names must match), comments, processing instructions, CDATA,
 * quoted attribute values. What lies inside a `<Contact>` is checked by the contact's own decoder
 * (codec.ts `decodeBookContact`). Structure stays strict: a body that ends early, closes the wrong
 * element, declares a DOCTYPE or holds anything after its root is a problem, never a smaller book.
 */

export type SplitResult = { readonly ok: true; readonly contacts: string[] } | { readonly ok: false; readonly problem: string };

/** `<wl:Contact>` and `<contact>` are both a Contact (names match case-insensitively, prefixes dropped). */
function localLower(name: string): string {
  const colon = name.indexOf(':');
  return (colon < 0 ? name : name.slice(colon + 1)).toLowerCase();
}

const WHITESPACE = /^[ \t\r\n]*$/;
const MAX_DEPTH = 64;

export class BookSplitter {
  /** Unconsumed text: from the start of an open `<Contact>`, or of markup not yet complete. */
  private buffer = '';
  /** Where scanning resumes in `buffer`. */
  private pos = 0;
  /** Names of the open elements, as written. */
  private readonly open: string[] = [];
  /** Offset in `buffer` of the `<Contact>` being collected, or -1. */
  private contactStart = -1;
  private rootSeen = false;
  private contactsLists = 0;
  private failed: string | null = null;

  /** Feeds the next piece of the body; answers the `<Contact>` elements it completed. */
  push(text: string): SplitResult {
    if (this.failed !== null) return { ok: false, problem: this.failed };
    const keepFrom = this.contactStart >= 0 ? this.contactStart : this.pos;
    this.buffer = this.buffer.slice(keepFrom) + text;
    this.pos -= keepFrom;
    if (this.contactStart >= 0) this.contactStart -= keepFrom;
    const contacts: string[] = [];
    const problem = this.scan(contacts);
    if (problem !== null) {
      this.failed = problem;
      return { ok: false, problem };
    }
    return { ok: true, contacts };
  }

  /** The body ended: it must have been one whole `<LiveContacts>` document. */
  end(): SplitResult {
    if (this.failed !== null) return { ok: false, problem: this.failed };
    const rest = this.buffer.slice(this.pos);
    if (!this.rootSeen) return this.fail('expected one <LiveContacts> root element, got none');
    if (this.open.length > 0 || !WHITESPACE.test(rest))
      return this.fail(`the body ended inside <${this.open.at(-1) ?? 'LiveContacts'}> (truncated)`);
    return { ok: true, contacts: [] };
  }

  private fail(problem: string): SplitResult {
    this.failed = problem;
    return { ok: false, problem };
  }

  /** Scans complete markup from `pos`; stops at the first incomplete piece. Returns a problem or null. */
  private scan(contacts: string[]): string | null {
    const b = this.buffer;
    for (;;) {
      const lt = b.indexOf('<', this.pos);
      const textEnd = lt < 0 ? b.length : lt;
      // Text between elements: inside the book it is ignored (as the tree decoder did); outside the root it must be blank.
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
        // Not enough yet to tell a comment or CDATA from a declaration.
        if (b.length < lt + 9 && ('<![CDATA['.startsWith(b.slice(lt)) || '<!--'.startsWith(b.slice(lt)))) return null;
        if (b.startsWith('<!--', lt)) {
          end = b.indexOf('-->', lt + 4);
          if (end < 0) return null;
          end += 3;
        } else if (b.startsWith('<![CDATA[', lt)) {
          if (this.open.length === 0) return 'CDATA outside the root element';
          end = b.indexOf(']]>', lt + 9);
          if (end < 0) return null;
          end += 3;
        } else {
          return 'the body declares a DOCTYPE';
        }
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
        if (this.contactStart >= 0 && this.open.length === 2) {
          contacts.push(b.slice(this.contactStart, end));
          this.contactStart = -1;
        }
      } else {
        const gt = tagEnd(b, lt + 1);
        if (gt < 0) return null;
        end = gt + 1;
        const selfClosing = b.charCodeAt(gt - 1) === 0x2f;
        const name = b.slice(lt + 1, nameEnd(b, lt + 1, gt));
        if (name === '') return 'an element without a name';
        const problem = this.enter(name, lt, end, selfClosing, contacts);
        if (problem !== null) return problem;
      }
      this.pos = end;
    }
  }

  private enter(name: string, start: number, end: number, selfClosing: boolean, contacts: string[]): string | null {
    const depth = this.open.length;
    // The schema nests six deep; a body nesting far deeper is hostile (and the tree decoder could not read it either).
    if (depth >= MAX_DEPTH) return `elements nested deeper than ${MAX_DEPTH}`;
    if (depth > 2 || (depth === 2 && this.contactStart >= 0)) {
      // Inside a contact: its own decoder reads it.
      if (!selfClosing) this.open.push(name);
      return null;
    }
    const local = localLower(name);
    if (depth === 0) {
      if (this.rootSeen) return 'content after the root element';
      if (local !== 'livecontacts') return `expected one <LiveContacts> root element, got <${name}>`;
      this.rootSeen = true;
    } else if (depth === 1 && local === 'contacts') {
      // Two lists would be read as one value that is not an element list by the tree decoder: refused the same way.
      if (++this.contactsLists > 1) return '<Contacts> should contain elements';
    } else if (depth === 2 && this.contactStart < 0 && local === 'contact' && localLower(this.open[1] ?? '') === 'contacts') {
      if (selfClosing) contacts.push(this.buffer.slice(start, end));
      else this.contactStart = start;
    }
    if (!selfClosing) this.open.push(name);
    return null;
  }
}

/** The `>` ending a start tag that begins at `from`, skipping quoted attribute values; -1 if not yet arrived. */
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
