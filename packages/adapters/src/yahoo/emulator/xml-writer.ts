import {
  FIELD_PARTS,
  isStructuredField,
  type ResponseEvent,
  type SyncResponse,
  type WireCategory,
  type WireContact,
  type WireError,
  type WireField,
  type WireResult,
} from '../wire.js';
import { escapeHtml } from './html-text.js';

/**
 * The emulator's XML responses (docs/yahoo.md §2.3). Values and category names are HTML-escaped
 * and then XML-escaped, so they are escaped twice on the wire; messages are only XML-escaped.
 * Sync responses carry the DOCTYPE line the service sent, which clients must not fetch.
 */
const PROLOG = '<?xml version="1.0" encoding="UTF-8" standalone="yes" ?>\n';
const DOCTYPE = '<!DOCTYPE sync-response SYSTEM "http://l.yimg.com/us.yimg.com/lib/pim/r/abook/xml/2/pheasant.dtd">\n';

function xml(text: string): string {
  return text.replace(/[&<>"'\r]/g, (ch) =>
    ch === '&' ? '&amp;' : ch === '<' ? '&lt;' : ch === '>' ? '&gt;' : ch === '"' ? '&quot;' : ch === "'" ? '&apos;' : '&#13;',
  );
}

/** A field value or category name: HTML-escaped once, then XML-escaped. */
const value = (text: string) => xml(escapeHtml(text));

function attrs(pairs: readonly (readonly [string, string | number | undefined])[]): string {
  return (
    pairs
      .filter((pair): pair is readonly [string, string | number] => pair[1] !== undefined)
      // A parser turns tab and newline in attributes into spaces, so they travel as references.
      .map(([name, v]) => ` ${name}="${typeof v === 'number' ? String(v) : xml(v).replace(/\t/g, '&#9;').replace(/\n/g, '&#10;')}"`)
      .join('')
  );
}

function field(f: WireField): string {
  const head = `<${f.type}${attrs([['fid', f.fid], ...f.flags.map((flag) => [flag, 'true'] as const), ['title', f.title === undefined ? undefined : escapeHtml(f.title)]])}>`;
  const body = isStructuredField(f.type)
    ? FIELD_PARTS[f.type]
        .filter((part) => (f.parts?.[part] ?? '') !== '')
        .map((part) => `<${part}>${value(f.parts?.[part] ?? '')}</${part}>`)
        .join('')
    : value(f.data ?? '');
  return `${head}${body}</${f.type}>`;
}

function contactBody(contact: WireContact): string {
  return contact.fields.map(field).join('') + contact.categories.map((c) => `<category catid="${c.catid}"/>`).join('');
}

function event(e: ResponseEvent): string {
  switch (e.type) {
    case 'address-book-reset':
      return '<address-book-reset/>';
    case 'remove-contact':
      return `<remove-contact cid="${e.cid}"/>`;
    case 'add-contact':
    case 'update-contact':
      return `<${e.type}${attrs([
        ['cid', e.contact.cid],
        ['lmt', e.contact.lmt],
      ])}>${contactBody(e.contact)}</${e.type}>`;
  }
}

function errorBody(error: WireError): string {
  const retry = error.retryAfter === undefined ? '' : `<retry-after>${error.retryAfter}</retry-after>`;
  return `<error><code>${error.code}</code><user-message>${xml(error.userMessage)}</user-message><debug-message>${xml(error.debugMessage)}</debug-message>${retry}</error>`;
}

function result(r: WireResult): string {
  if (r.type === 'error') return errorBody(r);
  return `<success${attrs([
    ['add-action', r.addAction],
    ['cid', r.cid],
    ['catid', r.catid],
  ])}/>`;
}

function category(c: WireCategory): string {
  return `<category catid="${c.catid}">${value(c.name)}</category>`;
}

export function xmlSyncResponse(response: SyncResponse): string {
  const body = [...response.categories.map(category), ...response.results.map(result), ...response.events.map(event)].join('\n');
  return `${PROLOG}${DOCTYPE}<sync-response${attrs([
    ['lmt', response.lmt],
    ['rev', response.rev],
  ])}>\n${body}\n</sync-response>\n`;
}

export function xmlError(error: WireError): string {
  return `${PROLOG}${errorBody(error)}\n`;
}

export function xmlCategories(rev: number, table: readonly WireCategory[]): string {
  return `${PROLOG}<categories rev="${rev}">${table.map(category).join('')}</categories>\n`;
}

export function xmlContacts(rev: number, contacts: readonly WireContact[]): string {
  const items = contacts.map(
    (c) =>
      `<contact${attrs([
        ['cid', c.cid],
        ['lmt', c.lmt],
      ])}>${contactBody(c)}</contact>`,
  );
  return `${PROLOG}<contacts rev="${rev}" count="${contacts.length}">${items.join('')}</contacts>\n`;
}
