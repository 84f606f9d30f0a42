import type { ContactService, RemoteContact } from '@contactsync/core';

export type ProviderId = 'windows-live-xml' | 'yahoo-xml' | 'yahoo-json' | 'microsoft-graph';

export const PROVIDER_LABELS: Readonly<Record<ProviderId, string>> = {
  'windows-live-xml': 'Windows Live XML',
  'yahoo-xml': 'Yahoo XML',
  'yahoo-json': 'Yahoo JSON',
  'microsoft-graph': 'Microsoft Graph',
};

/** What the emulator host hands over: enough for a client to talk to one seeded emulator. Plain JSON. */
export interface Connection {
  readonly provider: ProviderId;
  readonly url: string;
  readonly credentials: Readonly<Record<string, string>>;
}

export type Fetch = typeof fetch;

/** A fetched whole book, before decoding. */
export interface BookResponse {
  readonly body: string;
  readonly headers: Headers;
}

/**
 * The client side of one service, as the benchmarks use it: the engine's `ContactService`, and the
 * steps of the plain loop (the baseline), which reuse the adapter's own codec and mapping so the
 * two pipelines differ only in what the engine adds.
 */
export interface ClientProvider {
  readonly id: ProviderId;
  readonly label: string;
  /** The engine's service. Loaded on demand: RxDB's process must not load core (and its Dexie). */
  service(connection: Connection, fetch: Fetch): Promise<ContactService>;
  /** The request an initial pull makes: the whole book in one response (or its first page, see `fetchNext`). */
  fetchBook(connection: Connection, fetch: Fetch): Promise<BookResponse>;
  /** Decodes a book with the adapter's codec; the returned function maps it to core records. */
  decode(book: BookResponse): () => RemoteContact[];
  /**
   * Services that page a first sync (Microsoft Graph's delta rounds): the page after `page`, which
   * has been decoded, or null after the last. Absent: the first response holds the whole book.
   */
  fetchNext?(page: BookResponse, connection: Connection, fetch: Fetch): Promise<BookResponse | null>;
  /** Services whose delta sync is also measured against a plain loop: one in its own replica (see `PlainDelta`). */
  plainDelta?(connection: Connection): Promise<PlainDelta>;
}

/** A plain-loop replica kept in step with the server by delta pulls (the baseline of a delta sync). */
export interface PlainDelta {
  /** One delta pull (every page of it) applied to the replica; returns its milliseconds and the records it applied. */
  pull(): Promise<{ readonly ms: number; readonly records: number }>;
  close(): void;
}
