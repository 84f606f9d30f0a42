/**
 * The emulator's own XML reader: a small, strict, non-validating parser for request bodies. It is
 * deliberately not the client's codec (fast-xml-parser), so that the reference server and the client
 * cannot share a parsing bug.
 *
 * Strict where docs/yahoo.md §2.3 asks for it: a DOCTYPE with an internal subset is refused (no
 * entity can ever be declared), the only entities are the five predefined ones and character
 * references, and any well-formedness error is an `XmlSyntaxError` (the route answers 80020).
 */

export interface XmlElement {
  readonly name: string;
  readonly attrs: ReadonlyMap<string, string>;
  readonly children: readonly XmlNode[];
}
export type XmlNode = XmlElement | string;

export class XmlSyntaxError extends Error {
  constructor(
    readonly reason: string,
    readonly offset: number,
  ) {
    super(`${reason} at offset ${offset}`);
    this.name = 'XmlSyntaxError';
  }
}

const NAME = /[A-Za-z_:][A-Za-z0-9._:-]*/y;
const PREDEFINED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
/** Characters XML 1.0 forbids anywhere in a document (C0 controls other than tab, LF and CR). */
const FORBIDDEN_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

interface Open {
  readonly name: string;
  readonly attrs: Map<string, string>;
  readonly children: XmlNode[];
}

export function readXml(source: string): XmlElement {
  const text = source.replace(/\r\n?/g, '\n');
  const bad = FORBIDDEN_CHAR.exec(text);
  if (bad !== null) throw new XmlSyntaxError('character not allowed in XML', bad.index);
  let pos = text.startsWith('\uFEFF') ? 1 : 0;
  let doctypeSeen = false;

  const fail = (reason: string): never => {
    throw new XmlSyntaxError(reason, pos);
  };
  const skipSpace = () => {
    while (pos < text.length && ' \t\n'.includes(text[pos] ?? '')) pos++;
  };
  const skipPast = (terminator: string, what: string) => {
    const end = text.indexOf(terminator, pos);
    if (end < 0) fail(`unterminated ${what}`);
    pos = end + terminator.length;
  };
  const readName = (): string => {
    NAME.lastIndex = pos;
    const match = NAME.exec(text);
    if (match === null) return fail('name expected');
    pos += match[0].length;
    return match[0];
  };
  const skipMisc = (allowDoctype: boolean) => {
    for (;;) {
      skipSpace();
      if (text.startsWith('<?', pos)) skipPast('?>', 'processing instruction');
      else if (text.startsWith('<!--', pos)) skipPast('-->', 'comment');
      else if (text.startsWith('<!DOCTYPE', pos)) {
        if (!allowDoctype || doctypeSeen) fail('DOCTYPE not allowed here');
        doctypeSeen = true;
        skipDoctype();
      } else return;
    }
  };
  // `<!DOCTYPE name SYSTEM "uri">` is skipped, never fetched; `[` outside a literal opens an
  // internal subset, which is refused: it is how entity declarations would get in.
  const skipDoctype = () => {
    pos += '<!DOCTYPE'.length;
    let quote: string | null = null;
    for (; pos < text.length; pos++) {
      const ch = text[pos];
      if (quote !== null) {
        if (ch === quote) quote = null;
      } else if (ch === '"' || ch === "'") quote = ch;
      else if (ch === '[') fail('DOCTYPE internal subset refused');
      else if (ch === '>') {
        pos++;
        return;
      }
    }
    fail('unterminated DOCTYPE');
  };
  const decode = (raw: string, start: number): string =>
    raw.replace(/&([^;&\s]*);?/g, (whole, name: string) => {
      if (!whole.endsWith(';')) throw new XmlSyntaxError('bare & in text', start);
      const predefined = PREDEFINED[name];
      if (predefined !== undefined && Object.hasOwn(PREDEFINED, name)) return predefined;
      const numeric = /^#(?:x([0-9A-Fa-f]{1,6})|([0-9]{1,7}))$/.exec(name);
      if (numeric === null) throw new XmlSyntaxError(`undefined entity &${name};`, start);
      const code = numeric[1] !== undefined ? parseInt(numeric[1], 16) : parseInt(numeric[2] ?? '', 10);
      const allowed =
        code === 0x9 ||
        code === 0xa ||
        code === 0xd ||
        (code >= 0x20 && code <= 0xd7ff) ||
        (code >= 0xe000 && code <= 0xfffd) ||
        (code >= 0x10000 && code <= 0x10ffff);
      if (!allowed) throw new XmlSyntaxError(`character reference &${name}; not allowed`, start);
      return String.fromCodePoint(code);
    });
  const readAttributes = (attrs: Map<string, string>): boolean => {
    for (;;) {
      const before = pos;
      skipSpace();
      if (text.startsWith('/>', pos)) {
        pos += 2;
        return true;
      }
      if (text[pos] === '>') {
        pos++;
        return false;
      }
      if (pos === before) fail('space expected before attribute');
      const name = readName();
      skipSpace();
      if (text[pos] !== '=') fail('= expected');
      pos++;
      skipSpace();
      const quote = text[pos];
      if (quote !== '"' && quote !== "'") return fail('quoted attribute value expected');
      const end = text.indexOf(quote, pos + 1);
      if (end < 0) fail('unterminated attribute value');
      const raw = text.slice(pos + 1, end);
      if (raw.includes('<')) fail('< in attribute value');
      if (attrs.has(name)) fail(`duplicate attribute ${name}`);
      attrs.set(name, decode(raw.replace(/[\t\n]/g, ' '), pos));
      pos = end + 1;
    }
  };

  skipMisc(true);
  if (text[pos] !== '<') fail('root element expected');
  const stack: Open[] = [];
  let root: XmlElement | null = null;
  while (root === null) {
    if (pos >= text.length) fail('unexpected end of document');
    const top = stack[stack.length - 1];
    if (text.startsWith('</', pos)) {
      pos += 2;
      const name = readName();
      skipSpace();
      if (text[pos] !== '>') fail('> expected');
      pos++;
      const closed = stack.pop();
      if (closed === undefined || closed.name !== name) fail(`mismatched closing tag </${name}>`);
      const element: XmlElement = { name, attrs: closed?.attrs ?? new Map(), children: closed?.children ?? [] };
      const parent = stack[stack.length - 1];
      if (parent === undefined) root = element;
      else parent.children.push(element);
    } else if (text.startsWith('<!--', pos)) skipPast('-->', 'comment');
    else if (text.startsWith('<?', pos)) skipPast('?>', 'processing instruction');
    else if (text.startsWith('<![CDATA[', pos)) {
      if (top === undefined) fail('CDATA outside the root element');
      const end = text.indexOf(']]>', pos);
      if (end < 0) fail('unterminated CDATA');
      top?.children.push(text.slice(pos + 9, end));
      pos = end + 3;
    } else if (text[pos] === '<') {
      pos++;
      const name = readName();
      const attrs = new Map<string, string>();
      const selfClosing = readAttributes(attrs);
      if (selfClosing) {
        const element: XmlElement = { name, attrs, children: [] };
        if (top === undefined) root = element;
        else top.children.push(element);
      } else stack.push({ name, attrs, children: [] });
    } else {
      if (top === undefined) fail('text outside the root element');
      const end = text.indexOf('<', pos);
      const stop = end < 0 ? text.length : end;
      const raw = text.slice(pos, stop);
      if (raw.includes(']]>')) fail(']]> in text');
      top?.children.push(decode(raw, pos));
      pos = stop;
    }
  }
  skipMisc(false);
  if (pos < text.length) fail('content after the root element');
  return root;
}

/** The element children of a node, in order (text between elements is ignored by callers). */
export function childElements(element: XmlElement): XmlElement[] {
  return element.children.filter((child): child is XmlElement => typeof child !== 'string');
}

/** The concatenated text content of an element's direct text children. */
export function textOf(element: XmlElement): string {
  return element.children.filter((child): child is string => typeof child === 'string').join('');
}
