import { XmlSplitter } from '../kit/index.js';
import { MalformedBody, type ResponseItem, type ResponseSplitter } from './codec.js';
import { decodeXmlResponse, elements, parseElement, readChild, revisionOf } from './codec-xml.js';
import type { WireCategory } from './wire.js';

/**
 * An XML `sync-response` (docs/yahoo.md §2.3) read as it arrives: each child of the root is cut out
 * (kit/xml-splitter.ts) and read by the whole-body decoder's own code (codec-xml.ts). The rev is an
 * attribute of the root, and the children come in three runs, the category table first (§2.3), so
 * the head is complete at the first child that is not a category and every contact event after it
 * can be read at once. A category after that point breaks the wire order and fails the body (a
 * streamed contact may already have been read without it). A root `<error>` is small: it is kept
 * whole and read at the end.
 */
export function xmlResponseSplitter(): ResponseSplitter {
  let root: { readonly name: string; readonly tag: string } | null = null;
  let rev: number | null = null;
  const categories: WireCategory[] = [];
  const errorParts: string[] = [];
  let headSent = false;
  const splitter = new XmlSplitter({
    recordDepth: 1,
    rootName: 'sync-response',
    externalDoctype: true,
    opened: ({ name, depth, tag }) => {
      if (depth > 0) return 'record';
      if (name !== 'sync-response' && name !== 'error') return { problem: `unexpected root <${name}>` };
      root = { name, tag };
      return 'open';
    },
  });

  const readRevision = (tag: string): void => {
    rev ??= revisionOf(parseElement(selfClosed(tag))).rev;
  };
  const head = (out: ResponseItem[]): void => {
    if (headSent) return;
    if (rev === null) throw new MalformedBody('a response without its root');
    out.push({ kind: 'head', rev, categories });
    headSent = true;
  };
  const take = (records: readonly string[], out: ResponseItem[]): void => {
    const current: { readonly name: string; readonly tag: string } | null = root;
    if (current === null) return;
    if (current.name === 'error') {
      errorParts.push(...records);
      return;
    }
    readRevision(current.tag);
    if (records.length === 0) return;
    // One parse for all the records this piece completed (a parser call per contact cost a third more than the whole document).
    for (const element of elements(parseElement(`<records>${records.join('')}</records>`))) {
      const child = readChild(element);
      if (child === null) continue;
      if (child.kind === 'category') {
        if (headSent) throw new MalformedBody('a <category> after the results or events (the table comes first)');
        categories.push(child.category);
        continue;
      }
      head(out);
      if (child.kind === 'event') out.push({ kind: 'event', event: child.event });
    }
  };
  const run = (split: ReturnType<XmlSplitter['push']>, last: boolean): ResponseItem[] => {
    if (!split.ok) throw new MalformedBody(split.problem);
    const out: ResponseItem[] = [];
    take(split.records, out);
    const current: { readonly name: string; readonly tag: string } | null = root;
    if (!last || current === null) return out;
    if (current.name === 'error') {
      const decoded = decodeXmlResponse(`${current.tag}${errorParts.join('')}</${current.name}>`);
      if (decoded.kind !== 'error') throw new MalformedBody(decoded.kind === 'malformed' ? decoded.reason : 'an error without a code');
      return [{ kind: 'error', error: decoded.error }];
    }
    readRevision(current.tag);
    head(out);
    return out;
  };
  return { push: (text) => run(splitter.push(text), false), end: () => run(splitter.end(), true) };
}

/** The root's start tag as an element of its own, to read its attributes. */
const selfClosed = (tag: string): string => (tag.endsWith('/>') ? tag : `${tag.slice(0, -1)}/>`);
