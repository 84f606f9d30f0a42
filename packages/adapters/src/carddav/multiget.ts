import type { RemoteContact, RequestFailure } from '@contactsync/core';
import type { DavHttp } from './http.js';
import { decodeMultistatus, textOf } from './multistatus.js';
import { readOne } from './read-card.js';
import { hrefPath, recordFromCard } from './record.js';
import { failureOf, handlingOf, malformed } from './status-table.js';
import { multigetBody, XML_HEADERS } from './xml-body.js';

/**
 * Cards by href with addressbook-multiget (RFC 6352 §8.7), `batchSize` hrefs per REPORT. Hrefs the
 * server answers with 404 (deleted meanwhile) come back in `missing`. A card the codec cannot read
 * still comes back, as an unreadable record: one bad card never fails the book.
 */
export interface Fetched {
  readonly records: RemoteContact[];
  readonly missing: string[];
}

async function oneByOne(
  http: DavHttp,
  paths: readonly string[],
  signal: AbortSignal | undefined,
  records: RemoteContact[],
  missing: string[],
): Promise<RequestFailure | null> {
  for (const path of paths) {
    const one = await readOne(http, path, signal);
    if (one.kind === 'card') records.push(one.record);
    else if (one.kind === 'gone') missing.push(path);
    else return one;
  }
  return null;
}

export async function multiget(
  http: DavHttp,
  bookUrl: string,
  paths: readonly string[],
  batchSize: number,
  signal: AbortSignal | undefined,
): Promise<Fetched | RequestFailure> {
  const records: RemoteContact[] = [];
  const missing: string[] = [];
  for (let start = 0; start < paths.length; start += batchSize) {
    const batch = paths.slice(start, start + batchSize);
    const line = `REPORT addressbook-multiget ${new URL(bookUrl).pathname}`;
    const response = await http({
      method: 'REPORT',
      url: bookUrl,
      headers: { ...XML_HEADERS, Depth: '1' },
      body: multigetBody(batch),
      signal,
      lenient: true,
    });
    if (response.kind !== 'response') return response;
    // Some card of the batch is not UTF-8: the answer is not either (Radicale), or the server
    // cannot put it in XML and answers 500 (Xandikos). Read the batch card by card, so only that
    // card is unreadable; a server that is really failing fails the first GET too.
    if (!response.utf8 || response.status === 500) {
      const failure = await oneByOne(http, batch, signal, records, missing);
      if (failure !== null) return failure;
      continue;
    }
    if (handlingOf('multistatus', response.status) !== 'ok') return failureOf(response, line, false);
    const decoded = decodeMultistatus(response.body);
    if (!decoded.ok) return malformed(line, decoded.problem);
    const asked = new Set(batch);
    for (const entry of decoded.value.entries) {
      const path = hrefPath(entry.href, bookUrl);
      // Answers for hrefs we did not ask for (or on another origin) are ignored, not trusted.
      if (path === null || !asked.has(path)) continue;
      asked.delete(path);
      if (entry.status === 404 || entry.status === 410) {
        missing.push(path);
        continue;
      }
      const etag = textOf(entry.found['getetag'])?.trim();
      const data = textOf(entry.found['address-data']);
      if (!etag || data === null) {
        if (Object.keys(entry.found).length === 0) missing.push(path);
        else return malformed(line, `${path} came without getetag or address-data`);
        continue;
      }
      records.push(recordFromCard(path, etag, data));
    }
    // A card left out of the answer is neither here nor gone: a truncated answer must not look like
    // deletions, so the pull fails and is retried.
    if (asked.size > 0) return malformed(line, `${asked.size} asked hrefs missing from the answer`);
  }
  return { records, missing };
}
