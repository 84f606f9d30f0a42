import type { RequestFailure } from '@contactsync/core';
import type { DavHttp } from './http.js';
import { malformed } from './status-table.js';
import { syncCollection } from './sync-collection.js';

/** Every member of a book with its ETag, hrefs in code-unit order, and the token it was taken at. */
export interface BookListing {
  readonly token: string;
  readonly members: readonly { readonly path: string; readonly etag: string }[];
}

/** A server that truncates (507) more often than this is taken as looping. */
const MAX_LISTING_REQUESTS = 1_000;

/**
 * The whole book from sync-collection with an empty token (RFC 6578 §3.2). A server that truncates
 * the answer (507 on the collection, §3.6) is asked again with each new token until it stops, and
 * the pieces are merged (a later piece's removal cancels an earlier piece's member). `unsupported`:
 * the collection has no sync-collection (use getctag and a PROPFIND listing instead).
 */
export async function listBook(
  http: DavHttp,
  bookUrl: string,
  signal: AbortSignal | undefined,
): Promise<BookListing | 'unsupported' | RequestFailure> {
  const line = `REPORT sync-collection ${new URL(bookUrl).pathname}`;
  const members = new Map<string, string>();
  let token = '';
  for (let request = 0; request < MAX_LISTING_REQUESTS; request++) {
    const answer = await syncCollection(http, bookUrl, token, signal);
    if (answer.kind === 'unsupported') return 'unsupported';
    // A token the server gave a moment ago refused: nothing to fall back to.
    if (answer.kind === 'invalid-token') return malformed(line, `a listing token was refused (${answer.debugMessage})`);
    if (answer.kind !== 'changes') return answer;
    for (const member of answer.changed) members.set(member.path, member.etag);
    for (const path of answer.removed) members.delete(path);
    if (!answer.truncated) {
      const paths = [...members.keys()].sort();
      return { token: answer.token, members: paths.map((path) => ({ path, etag: members.get(path) ?? '' })) };
    }
    if (answer.token === token) return malformed(line, '507 without a new sync-token');
    token = answer.token;
  }
  return malformed(line, `still truncated after ${MAX_LISTING_REQUESTS} requests`);
}
