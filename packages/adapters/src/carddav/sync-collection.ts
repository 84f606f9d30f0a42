import type { RequestFailure } from '@contactsync/core';
import type { DavHttp } from './http.js';
import { decodeMultistatus, findAll, parseXml, textOf } from './multistatus.js';
import { hrefPath } from './record.js';
import { failureOf, handlingOf, malformed } from './status-table.js';
import { syncCollectionBody, XML_HEADERS } from './xml-body.js';

/**
 * One sync-collection REPORT (RFC 6578 §3): the members changed since `token` ('' = all of them)
 * with their ETags, the members removed, and the new token. A 507 on the collection itself means
 * the server truncated the answer: ask again with the new token (§3.6).
 */
export type SyncAnswer =
  | {
      readonly kind: 'changes';
      readonly changed: readonly { readonly path: string; readonly etag: string }[];
      readonly removed: readonly string[];
      readonly token: string;
      readonly truncated: boolean;
    }
  /** The token is unknown, expired or rejected: start again with an empty one. */
  | { readonly kind: 'invalid-token'; readonly debugMessage: string }
  /** The collection does not support sync-collection: use getctag and a listing instead. */
  | { readonly kind: 'unsupported' };

/** Whether an error body names a precondition (RFC 4918 §16), e.g. DAV:valid-sync-token. */
function names(body: string, precondition: string): boolean {
  const parsed = parseXml(body);
  return parsed.ok && findAll(parsed.value, precondition).length > 0;
}

export async function syncCollection(
  http: DavHttp,
  bookUrl: string,
  token: string,
  signal: AbortSignal | undefined,
): Promise<SyncAnswer | RequestFailure> {
  const bookPath = new URL(bookUrl).pathname;
  const line = `REPORT sync-collection ${bookPath}`;
  const response = await http({
    method: 'REPORT',
    url: bookUrl,
    headers: { ...XML_HEADERS, Depth: '0' },
    body: syncCollectionBody(token),
    signal,
  });
  if (response.kind !== 'response') return response;
  const handling = handlingOf('sync', response.status);
  if (handling === 'invalid-token' && token !== '') return { kind: 'invalid-token', debugMessage: `${response.status} on ${line}` };
  if (handling === 'maybe-invalid-token') {
    if (token !== '' && names(response.body, 'valid-sync-token'))
      return { kind: 'invalid-token', debugMessage: `${response.status} valid-sync-token on ${line}` };
    // RFC 3253 §3.6: a REPORT the collection does not offer is refused with DAV:supported-report.
    if (names(response.body, 'supported-report')) return { kind: 'unsupported' };
    return failureOf(response, line, false);
  }
  // Xandikos 0.2.8 answers an unknown token with 500 (docs/carddav.md): with a token, a server
  // error is taken as a rejected token, since an empty token costs one full listing, never data.
  if (token !== '' && response.status === 500) return { kind: 'invalid-token', debugMessage: `500 on ${line} with a token` };
  if (handling === 'unsupported') return { kind: 'unsupported' };
  if (handling !== 'ok') return failureOf(response, line, false);

  const decoded = decodeMultistatus(response.body);
  if (!decoded.ok) return malformed(line, decoded.problem);
  const { entries, syncToken } = decoded.value;
  if (syncToken === null || syncToken === '') return malformed(line, '207 without a sync-token');
  const changed: { path: string; etag: string }[] = [];
  const removed: string[] = [];
  let truncated = false;
  for (const entry of entries) {
    const path = hrefPath(entry.href, bookUrl);
    if (path === null) continue; // Another origin: never ours.
    if (path === bookPath || path === `${bookPath}/` || `${path}/` === bookPath) {
      if (entry.status === 507) truncated = true;
      continue;
    }
    if (entry.status === 404) {
      removed.push(path);
      continue;
    }
    const etag = textOf(entry.found['getetag'])?.trim();
    if (!etag) return malformed(line, `${path} without a getetag`);
    changed.push({ path, etag });
  }
  return { kind: 'changes', changed, removed, token: syncToken, truncated };
}
