import type { PullOutcome, PullRequest, RemoteChange, RequestFailure } from '@contactsync/core';
import { decodeDeltaPage, decodeError, missingProperties } from './codec.js';
import { completePartial } from './complete.js';
import type { GraphContext } from './context.js';
import { decodeCursor, encodeCursor, type GraphCursor } from './cursor.js';
import { resolveUrl, type GraphResponse } from './exchange.js';
import { GRAPH_STATUS, malformed, requestFailure, RESYNC_ERROR_CODES } from './outcomes.js';
import { recordOf } from './record.js';
import { HEADERS, MAPPED_PROPERTIES } from './wire.js';

/** Empty pages followed within one pull before the server is deemed stuck. */
const MAX_EMPTY_PAGES = 200;

/**
 * Changes gathered from consecutive server pages before one page goes to the engine, after the
 * first page of a round (which goes at once, so a first sync shows rows early). Graph serves at
 * most a few hundred contacts a page; the engine stores each page in its own transaction, and 500
 * transactions for a 100,000-contact book cost more than the decoding (bench/results.md, Graph).
 */
export const GATHER_TARGET = 2_000;

/**
 * Pull = one delta round, page by page (docs/microsoft-graph.md, "Delta"). Without a cursor, a new
 * initial round: every contact in the folder, reported as snapshot pages. With one, the link it
 * holds. Each call returns one non-empty page with the next link as its cursor, gathered from
 * server pages up to GATHER_TARGET changes (empty pages with a nextLink are followed here, as the
 * round is not over); the deltaLink ends the round. The same item may come more than once in a
 * round: the latest occurrence wins. Graph's deltas are immediate, so `consistency: 'complete'`
 * needs nothing more than a delta.
 */
export async function pull(ctx: GraphContext, request: PullRequest): Promise<PullOutcome> {
  let position: GraphCursor = (request.cursor === null ? null : decodeCursor(request.cursor)) ?? {
    mode: 'snapshot',
    link: ctx.paths.deltaStart,
  };
  const target = position.link === ctx.paths.deltaStart ? 1 : GATHER_TARGET;
  let restarted = false;
  let latest = new Map<string, RemoteChange>();
  for (let empty = 0; empty < MAX_EMPTY_PAGES;) {
    const line = {
      method: 'GET',
      path: position.mode === 'snapshot' && position.link === ctx.paths.deltaStart ? position.link : 'delta link',
    };
    const read = await readPage(ctx, position, line, request.signal);
    if ('resync' in read) {
      // The token expired or is unknown: a new initial round, whose snapshot settles everything.
      // Whatever was gathered belongs to the old round.
      if (restarted) return read.resync;
      restarted = true;
      latest = new Map();
      position = { mode: 'snapshot', link: ctx.paths.deltaStart };
      continue;
    }
    if (!('changes' in read)) return read;
    for (const change of read.changes) latest.set(change.kind === 'delete' ? change.remoteId : change.record.remoteId, change);

    const more = read.next.kind === 'nextLink';
    // The deltaLink ends the round: whatever comes after it is a delta.
    const next: GraphCursor = { mode: more ? position.mode : 'delta', link: read.next.url };
    if (more && latest.size < target) {
      if (read.changes.length === 0) empty++;
      position = next;
      continue;
    }
    return { kind: 'page', mode: position.mode, changes: [...latest.values()], cursor: encodeCursor(next), more };
  }
  return malformed({ method: 'GET', path: 'delta link' }, `${MAX_EMPTY_PAGES} empty pages in a row`, false);
}

interface ReadPage {
  readonly changes: readonly RemoteChange[];
  readonly next: { readonly kind: 'nextLink' | 'deltaLink'; readonly url: string };
}

/** One server page: its changes (partial items read back whole), its next link, or why not. */
async function readPage(
  ctx: GraphContext,
  position: GraphCursor,
  line: { readonly method: string; readonly path: string },
  signal: AbortSignal | undefined,
): Promise<ReadPage | { readonly resync: RequestFailure } | RequestFailure> {
  const response = await ctx.exchange({
    method: 'GET',
    url: position.link,
    headers: { [HEADERS.prefer]: `odata.maxpagesize=${ctx.pageSize}` },
    signal,
  });
  if (response.kind !== 'response') return response;
  if (needsResync(response))
    return { resync: requestFailure(response.status, response.headers, 'delta', line, decodeError(response.text)?.code ?? '') };
  if (GRAPH_STATUS.decide(response.status, 'delta') !== 'success')
    return requestFailure(response.status, response.headers, 'delta', line, decodeError(response.text)?.code ?? '');
  const page = decodeDeltaPage(response.text, ctx.maxPageItems);
  if (!page.ok) return malformed(line, page.problem, false);
  // A link elsewhere would be stored as the cursor and sent the token later: refuse it now.
  if (resolveUrl(ctx.root, page.value.next.url) === null)
    return malformed(line, `${page.value.next.kind} on another origin, or not a URL`, false);

  const latest = new Map<string, RemoteChange | 'partial'>();
  for (const item of page.value.items) {
    if (item.kind === 'removed') {
      latest.set(item.id, { kind: 'delete', remoteId: item.id });
      continue;
    }
    const record = missingProperties(item.contact, MAPPED_PROPERTIES).length === 0 ? recordOf(item.contact) : null;
    latest.set(item.contact.id, record === null ? 'partial' : { kind: 'upsert', record });
  }
  const partial = [...latest].flatMap(([id, change]) => (change === 'partial' ? [id] : []));
  const completed = await completePartial(ctx, partial, signal);
  if (!Array.isArray(completed)) return completed;
  const changes: RemoteChange[] = [...latest.values()].filter((c): c is RemoteChange => c !== 'partial');
  changes.push(...completed);
  return { changes, next: page.value.next };
}

/** 410 Gone (with a Location to start over), or a 4xx whose code says the sync state is unusable. */
function needsResync(response: GraphResponse): boolean {
  if (GRAPH_STATUS.decide(response.status, 'delta') === 'resync') return true;
  if (response.status < 400 || response.status >= 500) return false;
  const code = decodeError(response.text)?.code.toLowerCase() ?? '';
  return RESYNC_ERROR_CODES.has(code);
}
