import type { PullOutcome, PullRequest, RemoteChange } from '@contactsync/core';
import { decodeBook } from './codec.js';
import { malformed, requestFailure, WL_STATUS } from './outcomes.js';
import { recordFromWire } from './record.js';
import type { Send, WlRequest } from './transport.js';
import { DELTA_SYNC_BASIC, HEADERS } from './wire.js';

/**
 * Pull (docs/windows-live.md §1.4). No cursor, or `consistency: 'complete'`: a plain root GET, whose 200 is
 * the whole book. Deltas report a change only after its second has ended, so a write made in the
 * current second (an ambiguous create the engine must find) is only certain to be in a whole book.
 * Otherwise `DeltaSync: Basic` with `If-Modified-Since` = cursor: 206 is one delta page and the
 * engine asks again with its `Last-Modified` until 304; a 200 is the whole book.
 */
export async function pull(send: Send, request: PullRequest): Promise<PullOutcome> {
  const delta = request.cursor !== null && request.consistency === 'delta';
  const line: WlRequest = {
    method: 'GET',
    path: '',
    headers: delta && request.cursor !== null ? { [HEADERS.deltaSync]: DELTA_SYNC_BASIC, [HEADERS.ifModifiedSince]: request.cursor } : {},
    signal: request.signal,
  };
  const response = await send(line);
  if (response.kind !== 'response') return response;
  const { status } = response;
  switch (WL_STATUS.decide(status, delta ? 'delta' : 'book')) {
    case 'not-modified':
      return { kind: 'not-modified' };
    case 'whole-book':
    case 'delta-page':
      break;
    default:
      return requestFailure(response, line);
  }

  const cursor = response.headers.get(HEADERS.lastModified);
  if (cursor === null || Number.isNaN(Date.parse(cursor))) return malformed(line, `${status} without a valid Last-Modified`, false);
  if (status === 206 && request.cursor !== null && !(Date.parse(cursor) > Date.parse(request.cursor))) {
    // Asking again with the same cursor would loop forever.
    return malformed(line, `206 whose Last-Modified ${cursor} does not advance past ${request.cursor}`, false);
  }
  const book = decodeBook(response.body);
  if (!book.ok) return malformed(line, book.problem, false);

  const changes: RemoteChange[] = [];
  for (const contact of book.value.contacts) {
    if (contact.ID === undefined || contact.ID === '') return malformed(line, 'a <Contact> without an <ID>', false);
    if (contact.IsDeleted?.trim().toLowerCase() === 'true') {
      // A whole book lists what exists; a tombstone in one says nothing more than its absence.
      if (status === 206) changes.push({ kind: 'delete', remoteId: contact.ID });
      continue;
    }
    changes.push({ kind: 'upsert', record: recordFromWire(contact.ID, contact, cursor) });
  }
  return status === 200
    ? { kind: 'page', mode: 'snapshot', changes, cursor, more: false }
    : { kind: 'page', mode: 'delta', changes, cursor, more: true };
}
