import type { RequestFailure } from '@contactsync/core';
import type { DavHttp } from './http.js';
import { decodeMultistatus, textOf } from './multistatus.js';
import { hrefPath } from './record.js';
import { failureOf, handlingOf, malformed } from './status-table.js';
import { propfindBody, XML_HEADERS } from './xml-body.js';

/**
 * For servers without sync-collection: the book's CalendarServer getctag (PROPFIND Depth 0), which
 * changes whenever any member does, and the members with their ETags (PROPFIND Depth 1,
 * RFC 4918 §9.1), the collection itself left out.
 */
export async function bookCtag(http: DavHttp, bookUrl: string, signal: AbortSignal | undefined): Promise<string | null | RequestFailure> {
  const line = `PROPFIND getctag ${new URL(bookUrl).pathname}`;
  const response = await http({
    method: 'PROPFIND',
    url: bookUrl,
    headers: { ...XML_HEADERS, Depth: '0' },
    body: propfindBody(['cs:getctag', 'd:sync-token']),
    signal,
  });
  if (response.kind !== 'response') return response;
  if (handlingOf('multistatus', response.status) !== 'ok') return failureOf(response, line, false);
  const decoded = decodeMultistatus(response.body);
  if (!decoded.ok) return malformed(line, decoded.problem);
  const found = decoded.value.entries[0]?.found ?? {};
  return textOf(found['getctag'])?.trim() || textOf(found['sync-token'])?.trim() || null;
}

export async function listMembers(
  http: DavHttp,
  bookUrl: string,
  signal: AbortSignal | undefined,
): Promise<readonly { readonly path: string; readonly etag: string }[] | RequestFailure> {
  const bookPath = new URL(bookUrl).pathname;
  const line = `PROPFIND Depth 1 ${bookPath}`;
  const response = await http({
    method: 'PROPFIND',
    url: bookUrl,
    headers: { ...XML_HEADERS, Depth: '1' },
    body: propfindBody(['d:getetag', 'd:resourcetype']),
    signal,
  });
  if (response.kind !== 'response') return response;
  if (handlingOf('multistatus', response.status) !== 'ok') return failureOf(response, line, false);
  const decoded = decodeMultistatus(response.body);
  if (!decoded.ok) return malformed(line, decoded.problem);
  const members: { path: string; etag: string }[] = [];
  for (const entry of decoded.value.entries) {
    const path = hrefPath(entry.href, bookUrl);
    if (path === null || path.replace(/\/$/, '') === bookPath.replace(/\/$/, '')) continue;
    const type = entry.found['resourcetype'];
    if (typeof type === 'object' && type !== null && 'collection' in type) continue;
    const etag = textOf(entry.found['getetag'])?.trim();
    if (etag) members.push({ path, etag });
  }
  return members;
}
