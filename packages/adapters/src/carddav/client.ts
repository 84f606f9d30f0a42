import type { ContactService, Logger } from '@contactsync/core';
import { CARDDAV_FIELD_MODEL } from './field-model.js';
import { createDavHttp, type DavAuth, type FetchLike } from './http.js';
import { OwnWrites } from './own-writes.js';
import { pull } from './pull.js';
import { ListingPull } from './pull-by-listing.js';
import { push } from './push.js';
import { SnapshotFill } from './snapshot-fill.js';
import type { VCardVersion } from './vcard-card.js';
import { validateForCardDav } from './validate.js';

export interface CardDavOptions {
  /** The address book collection (from `discoverAddressBooks`). Credentials go to its origin only. */
  readonly bookUrl: string;
  readonly auth: DavAuth;
  /** Defaults to the global `fetch`. */
  readonly fetch?: FetchLike;
  /** Per request; default 30 s (Radicale's own request timeout). */
  readonly timeoutMs?: number;
  /** Cards per addressbook-multiget; default `DEFAULT_MULTIGET_BATCH` (measured: docs/carddav.md). */
  readonly multigetBatch?: number;
  /**
   * Cards per page of a snapshot (first sync, resync), rounded up to a multiple of the multiget
   * batch; default `DEFAULT_SNAPSHOT_PAGE`. Each page is applied and resumable on its own.
   */
  readonly snapshotPageSize?: number;
  /** VERSION of new cards; default 3.0, which every server reads (4.0 when the book lists only 4.0). */
  readonly newCardVersion?: VCardVersion;
  /** Operations per push; default 50. */
  readonly maxBatchSize?: number;
  readonly logger?: Logger;
}

/** Measured against Radicale and Xandikos: docs/carddav.md "Multiget batch size". */
export const DEFAULT_MULTIGET_BATCH = 100;

/** Five multigets per snapshot page: rows appear early, and a crash loses at most this many reads. */
export const DEFAULT_SNAPSHOT_PAGE = 500;

/** A snapshot page ends after the multiget that passes this (a third of the engine's default request timeout). */
const SNAPSHOT_PAGE_TIME_MS = 10_000;

/**
 * A CardDAV address book (RFC 6352) as a core `ContactService`. `remoteId` is a card's path on
 * the server; `version` its ETag; the cursor the book's sync-token (or getctag). See docs/carddav.md.
 */
export function carddav(options: CardDavOptions): ContactService {
  const bookUrl = new URL(options.bookUrl).href.replace(/\/?$/, '/');
  const fetchImpl: FetchLike = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const http = createDavHttp({ origin: bookUrl, auth: options.auth, fetch: fetchImpl, timeoutMs: options.timeoutMs ?? 30_000 });
  const ownWrites = new OwnWrites();
  const multigetBatch = Math.max(1, options.multigetBatch ?? DEFAULT_MULTIGET_BATCH);
  const pageSize = Math.max(1, Math.ceil((options.snapshotPageSize ?? DEFAULT_SNAPSHOT_PAGE) / multigetBatch)) * multigetBatch;
  const fill = new SnapshotFill({
    http,
    bookUrl,
    multigetBatch,
    pageSize,
    pageTimeMs: SNAPSHOT_PAGE_TIME_MS,
    now: () => performance.now(),
  });
  const listing = new ListingPull({ http, bookUrl, multigetBatch, ownWrites });
  const pullContext = { http, bookUrl, multigetBatch, logger: options.logger, ownWrites, fill, listing };
  const pushContext = { http, bookUrl, newCardVersion: options.newCardVersion ?? '3.0', ownWrites };
  return {
    traits: { name: 'CardDAV', retryMode: 'backoff', maxBatchSize: options.maxBatchSize ?? 50, categoryOperations: false },
    fieldModel: CARDDAV_FIELD_MODEL,
    pull: (request) => pull(pullContext, request),
    push: (request) => {
      fill.forget(); // A snapshot's listing taken before our own writes would miss them.
      return push(pushContext, request);
    },
    validate: validateForCardDav,
  };
}
