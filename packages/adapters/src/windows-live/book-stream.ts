import type { RemoteChange, RequestFailure } from '@contactsync/core';
import { PagedBody, type BodyDecoder, type SplitResult, type StreamingResponse } from '../kit/index.js';
import { bookSplitter } from './book-splitter.js';
import { decodeBookContact } from './codec.js';
import { malformed, USER_MESSAGES, WL_CODES, type RequestLine } from './outcomes.js';
import { recordFromWire } from './record.js';

/**
 * A whole book (a 200 to the root GET) read as it arrives and handed out in pages (kit/paged-body.ts):
 * the splitter cuts each `<Contact>` out of the text, and each is decoded exactly as the whole-book
 * decoder read it.
 */
export function bookStream(response: StreamingResponse, line: RequestLine, lastModified: string): PagedBody {
  return new PagedBody(response, bookDecoder(line, lastModified), {
    aborted: () => aborted(line),
    abandoned: () => malformed(line, 'the book was abandoned before its end', false),
  });
}

function bookDecoder(line: RequestLine, lastModified: string): BodyDecoder {
  const splitter = bookSplitter();
  const take = (split: SplitResult): RemoteChange[] | RequestFailure => {
    if (!split.ok) return malformed(line, split.problem, false);
    const changes: RemoteChange[] = [];
    for (const xml of split.records) {
      const decoded = decodeBookContact(xml);
      if (!decoded.ok) return malformed(line, decoded.problem, false);
      const contact = decoded.value;
      if (contact === undefined) continue; // Unreadable: skipped, as in a book decoded whole.
      if (contact.ID === undefined || contact.ID === '') return malformed(line, 'a <Contact> without an <ID>', false);
      // A whole book lists what exists; a tombstone in one says nothing more than its absence.
      if (contact.IsDeleted?.trim().toLowerCase() === 'true') continue;
      changes.push({ kind: 'upsert', record: recordFromWire(contact.ID, contact, lastModified) });
    }
    return changes;
  };
  return { push: (text) => take(splitter.push(text)), end: () => take(splitter.end()) };
}

function aborted(line: RequestLine): RequestFailure {
  return {
    kind: 'failed',
    code: WL_CODES.aborted,
    userMessage: USER_MESSAGES.aborted,
    debugMessage: `${line.method} ${line.path}: aborted while the book streamed`,
    maybeCommitted: false,
  };
}
