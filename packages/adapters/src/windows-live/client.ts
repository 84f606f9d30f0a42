import { SyncError, type ContactService } from '@contactsync/core';
import { pull } from './pull.js';
import { push } from './push.js';
import { createSend, type FetchLike } from './transport.js';
import { WINDOWS_LIVE_FIELD_MODEL } from './field-model.js';

export interface WindowsLiveOptions {
  /** Origin (and any path prefix) before `/users/@L@{lid}/rest/LiveContacts`, e.g. an emulator's `url`. */
  readonly baseUrl: string;
  /** The address book's location id: 16 hex digits (PROTOCOLS.md §1.1). */
  readonly lid: string;
  /** The delegated token sent as `Authorization: DelegatedToken dt="…"`. */
  readonly token: string;
  /** Defaults to the global `fetch`. */
  readonly fetch?: FetchLike;
  /** Operations per push; default 50. */
  readonly maxBatchSize?: number;
}

/**
 * The Windows Live Contacts REST API as a core `ContactService`.
 * Versions are the `Last-Modified` of the response a contact last came in (or of our own write's
 * 201/204); the cursor is the root document's `Last-Modified`. Both are passed back verbatim.
 */
export function windowsLive(options: WindowsLiveOptions): ContactService {
  if (!/^[0-9a-f]{16}$/i.test(options.lid)) {
    throw new SyncError('invalid-argument', 'A Windows Live location id is 16 hexadecimal digits.');
  }
  const fetchImpl: FetchLike = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const send = createSend({ baseUrl: options.baseUrl, lid: options.lid, token: options.token, fetch: fetchImpl });
  return {
    traits: {
      name: 'Windows Live',
      retryMode: 'backoff',
      maxBatchSize: options.maxBatchSize ?? 50,
      categoryOperations: false,
    },
    pull: (request) => pull(send, request),
    push: (request) => push(send, request),
    fieldModel: WINDOWS_LIVE_FIELD_MODEL,
  };
}
