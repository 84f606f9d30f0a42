import { YAHOO_FIELD_MODEL } from './field-model.js';
import type { ContactService } from '@contactsync/core';
import { jsonCodec } from './codec-json.js';
import { xmlCodec } from './codec-xml.js';
import { yahooContentRules } from './content-rules.js';
import { pull } from './pull.js';
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
  readonly fetch?: typeof fetch;
  /** Operations per push request (default 100). */
  readonly maxBatchSize?: number;
}

/**
 * The Yahoo Address Book as core's service port (PROTOCOLS.md §2, §3). Pulls and pushes both go
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
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
  };
  return {
    traits: { name: 'Yahoo Address Book', retryMode: 'retry-after-only', maxBatchSize, categoryOperations: true },
    pull: (request) => pull(transport, request),
    push: (request) => push(transport, request),
    fieldModel: YAHOO_FIELD_MODEL,
    validate: yahooContentRules,
  };
}
