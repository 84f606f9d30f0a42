import type { ContactDraft } from '../model/contact.js';

/**
 * A record's version. The engine treats an unchanged version as unchanged content (that is how it
 * recognises echoes of its own writes), so a version must change whenever the content does — even
 * for two writes within the resolution of the server's own versions (an adapter whose server dates
 * have whole seconds adds a content digest).
 */
export type Version = string;

/**
 * Adapter-private data about a server record that core persists beside the replica row and hands
 * back with every operation on that record (for example child element ids or field ids). It must be
 * plain JSON: it is stored in IndexedDB.
 */
export type RecordMeta = { readonly [key: string]: JsonValue };
export type JsonValue = string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/** One server record: its server id, the version the server gave it, and its content. */
export interface RemoteContact {
  readonly remoteId: string;
  readonly version: Version;
  readonly contact: ContactDraft;
  readonly meta?: RecordMeta;
}
