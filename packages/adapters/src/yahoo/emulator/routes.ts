import type { SyncResponse, WireError } from '../wire.js';
import { applyEvents } from './apply-events.js';
import { CODE, failure, userMessageFor, type Failure } from './codes.js';
import { checkCredentials } from './credentials.js';
import { jsonCategories, jsonContacts, jsonError, jsonSyncResponse } from './json-writer.js';
import { readRequestBody } from './read-body.js';
import { searchContacts } from './search.js';
import type { EmulatorState } from './state.js';
import { xmlCategories, xmlContacts, xmlError, xmlSyncResponse } from './xml-writer.js';

export interface ApiRequest {
  readonly method: string;
  readonly url: URL;
  readonly cookie: string | undefined;
  readonly body: Uint8Array;
}

export interface ApiResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  /** Commit, then drop the connection without an answer (a lost response). */
  readonly drop: boolean;
  readonly code: number | null;
  readonly nestedCodes: readonly number[];
}

type Format = 'xml' | 'json';

const PATHS = new Set(['/v1/synchronize', '/v1/searchContacts', '/v1/getCategories', '/v1/addContacts']);
const CONTENT_TYPE: Readonly<Record<Format, string>> = { xml: 'application/xml; charset=utf-8', json: 'application/json; charset=utf-8' };

const empty = (status: number): ApiResponse => ({ status, headers: {}, body: '', drop: false, code: null, nestedCodes: [] });

/** A whole-request structured error: 500, or 503 for the temporary codes, per §2.5. */
export function errorResponse(format: Format, error: WireError, status = 500): ApiResponse {
  const headers: Record<string, string> = { 'content-type': CONTENT_TYPE[format] };
  if (status === 503 && error.retryAfter !== undefined) headers['retry-after'] = String(error.retryAfter);
  const body = format === 'json' ? jsonError(error) : xmlError(error);
  return { status, headers, body, drop: false, code: error.code, nestedCodes: [] };
}

const ok = (format: Format, body: string, nestedCodes: readonly number[] = []): ApiResponse => ({
  status: 200,
  headers: { 'content-type': CONTENT_TYPE[format] },
  body,
  drop: false,
  code: null,
  nestedCodes,
});

/**
 * Serves one API request (docs/yahoo.md §2). The checks run in this order: path (404), injected
 * faults, credentials (403), user lock (-50302), server down (-17011), format and method (80040),
 * then the call itself.
 */
export async function handleApi(state: EmulatorState, request: ApiRequest): Promise<ApiResponse> {
  const path = request.url.pathname;
  if (!PATHS.has(path)) return empty(404);
  const query = request.url.searchParams;
  const rawFormat = query.get('format') ?? 'xml';
  const format: Format = rawFormat === 'json' ? 'json' : 'xml';
  const info = { method: request.method, path, format };
  await state.faults.runHooks(info);

  const forced = state.faults.takeRequestFault(info);
  if (forced !== null) {
    if (forced.code === undefined) return empty(forced.status);
    const error: WireError = {
      code: forced.code,
      userMessage: forced.userMessage ?? userMessageFor(forced.code),
      debugMessage: forced.debugMessage ?? 'forced by the control plane',
      ...(forced.retryAfter === undefined ? {} : { retryAfter: forced.retryAfter }),
    };
    return errorResponse(format, error, forced.status);
  }

  const credentials = checkCredentials(state, query, request.cookie);
  if (credentials === 'empty-403') return empty(403);
  if (credentials !== null) return errorResponse(format, credentials);
  if (state.switches.locked !== null) {
    return errorResponse(format, { ...failure(CODE.USER_LOCKED, 'user is locked'), retryAfter: state.switches.locked }, 503);
  }
  const down = state.switches.serverDown;
  if (down !== null) return errorResponse(format, { ...failure(CODE.SERVER_DOWN, 'address book server is down'), ...down }, 503);
  if (rawFormat !== 'xml' && rawFormat !== 'json') return errorResponse('xml', failure(CODE.INVALID_REQUEST, `format=${rawFormat}`));

  const wants = path === '/v1/addContacts' ? 'POST' : path === '/v1/synchronize' ? request.method : 'GET';
  if (request.method !== wants || (request.method !== 'GET' && request.method !== 'POST')) {
    return errorResponse(format, failure(CODE.INVALID_REQUEST, `${request.method} ${path} is not supported`));
  }
  if (path === '/v1/getCategories') {
    const table = state.book.table();
    return ok(format, format === 'json' ? jsonCategories(state.book.rev, table) : xmlCategories(state.book.rev, table));
  }
  if (path === '/v1/searchContacts') {
    const found = searchContacts(state.book, query);
    if ('code' in found) return errorResponse(format, found);
    return ok(format, format === 'json' ? jsonContacts(state.book.rev, found) : xmlContacts(state.book.rev, found));
  }
  return synchronize(state, request, format, path === '/v1/addContacts');
}

async function synchronize(state: EmulatorState, request: ApiRequest, format: Format, addOnly: boolean): Promise<ApiResponse> {
  const query = request.url.searchParams;
  const rawRev = query.get('myrev') ?? '0';
  if (!/^[0-9]{1,15}$/.test(rawRev)) return errorResponse(format, failure(CODE.INVALID_REQUEST, `myrev=${rawRev}`));
  const myrev = addOnly ? 0 : Number(rawRev);
  const { book, switches } = state;

  let results: SyncResponse['results'] = [];
  const timeout = switches.timeout;
  if (request.method === 'POST') {
    const parsed = readRequestBody(format, request.body, state.limits.maxBodyBytes);
    if ('code' in parsed) return errorResponse(format, parsed);
    const events = addOnly
      ? parsed.events.map((e) =>
          e.type === 'add-contact' || e.type === 'invalid'
            ? e
            : { type: 'invalid' as const, failure: failure(CODE.INVALID_REQUEST, `${e.type} in addContacts`) },
        )
      : parsed.events;
    if (events.length > 0 && switches.readOnlyApp)
      return errorResponse(format, failure(CODE.NO_PERMISSION, 'the application may only read'));
    if (events.length > 0 && switches.writesDisabled) return errorResponse(format, failure(CODE.WRITES_DISABLED, 'writes are disabled'));
    if (timeout !== null && !timeout.commit) return timeoutResponse(format, timeout.retryAfter);
    results = applyEvents(
      { book, myrev, limits: state.limits, strictDuplicates: state.strictDuplicates, forced: (e, i) => state.faults.takeEventFault(e, i) },
      events,
    );
  }
  if (timeout !== null) return timeoutResponse(format, timeout.retryAfter);

  const nodiffs = query.get('nodiffs') === '1' || addOnly;
  const events = nodiffs ? [] : book.eventsSince(myrev, state.limits.historyMs);
  const omitTable = switches.omitIdleCategoryTable && events.length === 0;
  const response: SyncResponse = { lmt: book.seconds(), rev: book.rev, categories: omitTable ? [] : book.table(), results, events };
  const nestedCodes = results.flatMap((r) => (r.type === 'error' ? [r.code] : []));
  return ok(format, format === 'json' ? jsonSyncResponse(response, omitTable) : xmlSyncResponse(response), nestedCodes);
}

function timeoutResponse(format: Format, retryAfter: number | undefined): ApiResponse {
  const error: Failure = failure(CODE.TIMEOUT, 'timed out waiting for the address book backend');
  return errorResponse(format, retryAfter === undefined ? error : { ...error, retryAfter }, 503);
}
