import type { RemoteContact, RequestFailure } from '@contactsync/core';
import type { DavHttp } from './http.js';
import { recordFromCard, unreadableRecord } from './record.js';
import { failureOf, handlingOf, malformed } from './status-table.js';

export type ReadResult =
  { readonly kind: 'card'; readonly record: RemoteContact; readonly text: string } | { readonly kind: 'gone' } | RequestFailure;

/**
 * GET one card with its ETag: the current state after a 412, the canonical record after a PUT
 * that gave no ETag, and the full card before editing one too big to keep in the replica.
 */
export async function readOne(http: DavHttp, path: string, signal: AbortSignal | undefined): Promise<ReadResult> {
  const line = `GET ${path}`;
  const response = await http({ method: 'GET', url: path, headers: { Accept: 'text/vcard' }, signal, lenient: true });
  if (response.kind !== 'response') return response;
  const handling = handlingOf('read', response.status);
  if (handling === 'gone') return { kind: 'gone' };
  if (handling !== 'ok') return failureOf(response, line, false);
  const etag = response.headers.get('ETag');
  if (etag === null || etag === '') return malformed(line, '200 without an ETag');
  // A card stored in another charset is unreadable, never a failed pull.
  if (!response.utf8) return { kind: 'card', record: unreadableRecord(path, etag, response.body), text: response.body };
  return { kind: 'card', record: recordFromCard(path, etag, response.body), text: response.body };
}
