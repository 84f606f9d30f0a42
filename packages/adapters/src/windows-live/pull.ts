import type { PullOutcome, PullRequest, RemoteChange, RequestFailure } from '@contactsync/core';
import { readAll, StreamedSnapshots } from '../kit/index.js';
import { bookStream } from './book-stream.js';
import { decodeBook } from './codec.js';
import { malformed, requestFailure, USER_MESSAGES, WL_CODES, WL_STATUS } from './outcomes.js';
import { recordFromWire } from './record.js';
import type { SendStreaming, WlRequest } from './transport.js';
import { DELTA_SYNC_BASIC, HEADERS } from './wire.js';

export type Pull = (request: PullRequest) => Promise<PullOutcome>;

/**
 * Pull (docs/windows-live.md §1.4). No cursor, or `consistency: 'complete'`: a plain root GET, whose 200 is
 * the whole book. Deltas report a change only after its second has ended, so a write made in the
 * current second (an ambiguous create the engine must find) is only certain to be in a whole book.
 * Otherwise `DeltaSync: Basic` with `If-Modified-Since` = cursor: 206 is one delta page and the
 * engine asks again with its `Last-Modified` until 304; a 200 is the whole book.
 *
 * A whole book is read as it arrives and handed to the engine in snapshot pages (`more: true`,
 * continuation cursors) while the rest is still on the wire (book-stream.ts, issue 16); one book is
 * read at a time per client, and a new pull abandons a book nobody continued.
 */
export function createPull(send: SendStreaming): Pull {
  const books = new StreamedSnapshots();

  return async (request) => {
    const continued = books.continues(request.cursor);
    if (continued === 'lost') return lost(request.cursor ?? '');
    if (continued === 'live') return books.next(request.signal);
    books.abandon();

    const delta = request.cursor !== null && request.consistency === 'delta';
    const line: WlRequest = {
      method: 'GET',
      path: '',
      headers: delta && request.cursor !== null ? { [HEADERS.deltaSync]: DELTA_SYNC_BASIC, [HEADERS.ifModifiedSince]: request.cursor } : {},
      signal: request.signal,
    };
    const response = await send(line);
    if (response.kind !== 'stream') return response;
    const { status } = response;
    const decision = WL_STATUS.decide(status, delta ? 'delta' : 'book');
    if (decision !== 'whole-book' && decision !== 'delta-page') {
      response.cancel();
      return decision === 'not-modified' ? { kind: 'not-modified' } : requestFailure(response, line);
    }

    const cursor = response.headers.get(HEADERS.lastModified);
    if (cursor === null || Number.isNaN(Date.parse(cursor))) {
      response.cancel();
      return malformed(line, `${status} without a valid Last-Modified`, false);
    }
    if (status === 206 && request.cursor !== null && !(Date.parse(cursor) > Date.parse(request.cursor))) {
      // Asking again with the same cursor would loop forever.
      response.cancel();
      return malformed(line, `206 whose Last-Modified ${cursor} does not advance past ${request.cursor}`, false);
    }
    if (status === 200) {
      return books.start(bookStream(response, line, cursor), () => cursor, request.signal);
    }
    // A delta page holds at most a page of changes (1,000 by the contract): read whole.
    const body = await readAll(response, request.signal);
    if (typeof body !== 'string') return body;
    const book = decodeBook(body);
    if (!book.ok) return malformed(line, book.problem, false);
    const changes: RemoteChange[] = [];
    for (const contact of book.value.contacts) {
      if (contact.ID === undefined || contact.ID === '') return malformed(line, 'a <Contact> without an <ID>', false);
      changes.push(
        contact.IsDeleted?.trim().toLowerCase() === 'true'
          ? { kind: 'delete', remoteId: contact.ID }
          : { kind: 'upsert', record: recordFromWire(contact.ID, contact, cursor) },
      );
    }
    return { kind: 'page', mode: 'delta', changes, cursor, more: true };
  };
}

/** Asked to continue a book this client no longer reads (it failed, was abandoned, or another client started it). */
function lost(cursor: string): RequestFailure {
  return {
    kind: 'failed',
    code: WL_CODES.connectionLost,
    userMessage: USER_MESSAGES.connectionLost,
    debugMessage: `GET : no book is being read for continuation ${cursor}`,
    maybeCommitted: false,
  };
}
