import type { ContactService, RemoteContact } from '@contactsync/core';

export type ProviderId = 'windows-live-xml' | 'yahoo-xml' | 'yahoo-json';

export const PROVIDER_LABELS: Readonly<Record<ProviderId, string>> = {
  'windows-live-xml': 'Windows Live XML',
  'yahoo-xml': 'Yahoo XML',
  'yahoo-json': 'Yahoo JSON',
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
  /** The request an initial pull makes: the whole book in one response. */
  fetchBook(connection: Connection, fetch: Fetch): Promise<BookResponse>;
  /** Decodes a book with the adapter's codec; the returned function maps it to core records. */
  decode(book: BookResponse): () => RemoteContact[];
}
