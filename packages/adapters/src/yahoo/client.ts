import { YAHOO_FIELD_MODEL } from './field-model.js';
import type { ContactService } from '@contactsync/core';
import type { ExchangeRecord, FetchLike } from '../kit/index.js';
import { jsonCodec } from './codec-json.js';
import { xmlCodec } from './codec-xml.js';
import { yahooContentRules } from './content-rules.js';
import { createPull } from './pull.js';
import { push } from './push.js';
import type { TransportOptions } from './transport.js';

export interface YahooAddressBookOptions {
  /** The service root, e.g. `http://127.0.0.1:4321`; requests go to `{baseUrl}/v1/synchronize`. */
  readonly baseUrl: string;
  readonly appid: string;
  /** Sent as the `WSSID` query parameter. */
  readonly wssid: string;
  /** The whole `Y` cookie as sent in the `Cookie` header: `Y=...`. */
  readonly cookie: string;
  readonly format: 'xml' | 'json';
  /** Defaults to the global `fetch`. */
  readonly fetch?: FetchLike;
  /** Operations per push request (default 100). */
  readonly maxBatchSize?: number;
  /** Per-request timeout in ms (default 30 s). */
  readonly timeoutMs?: number;
  /** Sees every HTTP exchange (method, URL without the session id, status, duration), for logs and journals. */
  readonly onExchange?: (exchange: ExchangeRecord) => void;
}

/**
 * The Yahoo Address Book as core's service port (docs/yahoo.md §2, docs/engine-port.md §3). Pulls and pushes both go
 * through `synchronize`; only a failure with a retry-after may be retried automatically (seed,
 * "Retrying Requests"), hence `retryMode: 'retry-after-only'`.
 */
export function yahooAddressBook(options: YahooAddressBookOptions): ContactService {
  const maxBatchSize = options.maxBatchSize ?? 100;
  if (!Number.isInteger(maxBatchSize) || maxBatchSize < 1) throw new RangeError('maxBatchSize must be a positive integer');
  const transport: TransportOptions = {
    baseUrl: options.baseUrl,
    appid: options.appid,
    wssid: options.wssid,
    cookie: options.cookie,
    codec: options.format === 'json' ? jsonCodec : xmlCodec,
    fetch: options.fetch,
    timeoutMs: options.timeoutMs,
    onExchange: options.onExchange,
  };
  return {
    traits: { name: 'Yahoo Address Book', retryMode: 'retry-after-only', maxBatchSize, categoryOperations: true },
    pull: createPull(transport),
    push: (request) => push(transport, request),
    fieldModel: YAHOO_FIELD_MODEL,
    validate: yahooContentRules,
  };
}
