import type { IndexedDbEnv } from '../pipelines/idb.js';

/** Where a client finds the book, and who it is. */
export interface BookConnection {
  /** The address book collection, absolute, ending in `/`. */
  readonly bookUrl: string;
  /** The user's address book home (tsdav lists the books there). */
  readonly homeUrl: string;
  readonly username: string;
  readonly password: string;
}

export const CLIENT_IDS = ['engine', 'tsdav', 'davx5'] as const;
export type ClientId = (typeof CLIENT_IDS)[number];

export const CLIENT_LABELS: Record<ClientId, string> = {
  engine: 'engine + CardDAV adapter',
  tsdav: 'tsdav + Dexie bulkPut',
  davx5: 'DAVx5-style (multiget of 10) + Dexie bulkPut',
};

/** One client under test, with its own store; every request goes through the `fetch` it was made with. */
export interface BenchClient {
  /** The first sync of the whole book into an empty store; returns the rows stored. */
  initial(): Promise<number>;
  /** Brings the store up to date with the book; returns the cards it read. */
  delta(): Promise<number>;
  close(): Promise<void>;
}

export type ClientFactory = (book: BookConnection, fetch: typeof globalThis.fetch, env: IndexedDbEnv) => BenchClient;

export const basicAuth = (who: { readonly username: string; readonly password: string }): string =>
  `Basic ${Buffer.from(`${who.username}:${who.password}`).toString('base64')}`;
