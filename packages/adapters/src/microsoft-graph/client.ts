import { SyncError, type ContactService } from '@contactsync/core';
import type { GraphContext } from './context.js';
import { DEFAULT_TIMEOUT_MS, type ExchangeRecord } from '../kit/index.js';
import { createExchange, type FetchLike, type GetAccessToken } from './exchange.js';
import { GRAPH_FIELD_MODEL } from './field-model.js';
import { graphPaths } from './paths.js';
import { pull } from './pull.js';
import { push } from './push.js';
import { validateForGraph } from './validate.js';

export interface MicrosoftGraphOptions {
  /** The service root; default `https://graph.microsoft.com/v1.0`. Links to any other origin are never followed. */
  readonly baseUrl?: string;
  /** A contact folder id; default: the user's default contacts (`/me/contacts`). */
  readonly folderId?: string;
  /**
   * Called before every request. `refresh: true` after a 401: return a newly acquired token
   * (a second 401 then reports auth-required). Throwing also reports auth-required.
   */
  readonly getAccessToken: GetAccessToken;
  /** Defaults to the global `fetch`. */
  readonly fetch?: FetchLike;
  /** Per request; default 30 s. */
  readonly timeoutMs?: number;
  /** `Prefer: odata.maxpagesize`; default 200, Graph's own cap for contacts. */
  readonly pageSize?: number;
  /** Operations per push; default 100 (five batches of twenty). */
  readonly maxBatchSize?: number;
  /** Called after every HTTP exchange (method, URL without tokens, status, duration): for logs. */
  readonly onExchange?: (exchange: ExchangeRecord) => void;
}

/** Microsoft Graph contacts (Outlook.com / Exchange Online) as a core `ContactService`. */
export function microsoftGraph(options: MicrosoftGraphOptions): ContactService {
  const pageSize = options.pageSize ?? 200;
  if (!Number.isInteger(pageSize) || pageSize < 1)
    throw new SyncError('invalid-argument', 'The page size must be a positive whole number.');
  const root = (options.baseUrl ?? 'https://graph.microsoft.com/v1.0').replace(/\/+$/, '');
  const ctx: GraphContext = {
    root,
    exchange: createExchange({
      root,
      getAccessToken: options.getAccessToken,
      fetch: options.fetch,
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      maxConcurrent: 4,
      maxBodyBytes: 16 * 1024 * 1024,
      onExchange: options.onExchange,
    }),
    paths: graphPaths(options.folderId),
    pageSize,
    // Graph may send fewer items than asked, never (much) more; the slack is for replayed items.
    maxPageItems: Math.max(pageSize * 2, 50),
    unconfirmedCreates: new Set(),
  };
  return {
    traits: {
      name: 'Outlook (Microsoft Graph)',
      retryMode: 'backoff',
      maxBatchSize: options.maxBatchSize ?? 100,
      categoryOperations: false,
    },
    fieldModel: GRAPH_FIELD_MODEL,
    pull: (request) => pull(ctx, request),
    push: (request) => push(ctx, request),
    validate: (contact) => validateForGraph(contact),
  };
}
