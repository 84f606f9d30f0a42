import { SyncError, type ContactService } from '@contactsync/core';
import { createPull } from './pull.js';
import { push } from './push.js';
import type { ExchangeRecord, FetchLike } from '../kit/index.js';
import { createSend, createStreamingSend } from './transport.js';
import { WINDOWS_LIVE_FIELD_MODEL } from './field-model.js';

export interface WindowsLiveOptions {
  /** Origin (and any path prefix) before `/users/@L@{lid}/rest/LiveContacts`, e.g. an emulator's `url`. */
  readonly baseUrl: string;
  /** The address book's location id: 16 hex digits (docs/windows-live.md §1.1). */
  readonly lid: string;
  /** The delegated token sent as `Authorization: DelegatedToken dt="…"`. */
  readonly token: string;
  /** Defaults to the global `fetch`. */
  readonly fetch?: FetchLike;
  /** Operations per push; default 50. */
  readonly maxBatchSize?: number;
  /** Per-request timeout in ms (default 30 s). */
  readonly timeoutMs?: number;
  /** Sees every HTTP exchange (method, URL, status, duration; no credentials or bodies), for logs and journals. */
  readonly onExchange?: (exchange: ExchangeRecord) => void;
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
  const send = createSend(options);
  const pull = createPull(createStreamingSend(options));
  return {
    traits: {
      name: 'Windows Live',
      retryMode: 'backoff',
      maxBatchSize: options.maxBatchSize ?? 50,
      categoryOperations: false,
    },
    pull,
    push: (request) => push(send, request),
    fieldModel: WINDOWS_LIVE_FIELD_MODEL,
  };
}
