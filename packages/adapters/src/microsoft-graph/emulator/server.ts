import { randomBytes } from 'node:crypto';
import { startEmulatorServer, type ApiReply, type ApiRequest } from '../../kit/emulator/emulator-server.js';
import { mulberry32 } from '../../fixtures/generate-contacts.js';
import { createControl } from './control.js';
import { graphControlPlane } from './control-http.js';
import { forcedReply, serveCall } from './serve-call.js';
import { errorReply, type Reply } from './reply.js';
import type { RouteContext } from './routes.js';
import { EmulatorState } from './state.js';
import { DEFAULT_SETTINGS, type GraphEmulator, type GraphEmulatorOptions } from './types.js';

/**
 * Starts a Microsoft Graph contacts emulator (docs/microsoft-graph.md) on 127.0.0.1, on the
 * emulator kit's server scaffold: the routes the adapter uses, with fault injection and the
 * control plane under `/_control/`.
 */
export async function startGraphEmulator(options: GraphEmulatorOptions = {}): Promise<GraphEmulator> {
  const state = new EmulatorState(
    options.clock ?? Date.now,
    { ...DEFAULT_SETTINGS, ...options.settings },
    options.token ?? randomBytes(18).toString('base64url'),
    mulberry32(options.seed ?? 1),
  );
  const control = createControl(state);
  if (options.seedContacts !== undefined && options.seedContacts.length > 0) control.seed(options.seedContacts);
  // Links (nextLink, deltaLink, Location) name the server's own address, known once it listens.
  let root = '';
  const server = await startEmulatorServer(
    { ...graphControlPlane(control), serve: (request) => serve(state, root, request) },
    options.port ?? 0,
  );
  root = `${server.url}/v1.0`;
  return { url: root, origin: server.url, control, close: () => server.close() };
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The reply as the scaffold writes it, with a `Date` from the emulator's clock (so a Retry-After date and the Date agree when tests move time). */
function written(reply: Reply, now: number): ApiReply {
  return {
    status: reply.status,
    headers: { ...reply.headers, Date: new Date(now).toUTCString() },
    body: reply.json === undefined ? '' : JSON.stringify(reply.json),
  };
}

function throttled(state: EmulatorState, request: ApiRequest, limit: string, retryAfter: number): { reply: ApiReply; lose: boolean } {
  const reply = errorReply(429, 'ApplicationThrottled', `Application is over its ${limit} limit.`, { 'Retry-After': String(retryAfter) });
  state.requestLog.push({
    method: request.method,
    path: request.url.pathname,
    status: 429,
    time: state.now(),
    forced: false,
    dropped: false,
    inBatch: false,
  });
  return { reply: written(reply, state.now()), lose: false };
}

async function serve(state: EmulatorState, root: string, request: ApiRequest): Promise<{ reply: ApiReply; lose: boolean }> {
  const { method } = request;
  const path = request.url.pathname;
  // Graph limits concurrent requests per mailbox; one more is refused at once, before any work.
  if (state.inFlight >= state.settings.maxConcurrent)
    return throttled(state, request, 'MailboxConcurrency', state.settings.concurrencyRetryAfter);
  const wait = state.overRateLimit();
  if (wait !== null) return throttled(state, request, 'MailboxRequests', wait);
  state.inFlight++;
  try {
    if (state.faults.latencyMs > 0) await sleep(state.faults.latencyMs);
    const forced = state.faults.takeForced(method, path);
    const reply = forced === null ? answer(state, root, request) : forcedReply(forced);
    // A lost response applies to a request that was processed: it commits, and the answer is lost.
    const dropped = forced === null && reply.status < 500 && state.faults.takeDrop(method, path);
    state.requestLog.push({ method, path, status: reply.status, time: state.now(), forced: forced !== null, dropped, inBatch: false });
    return { reply: written(reply, state.now()), lose: dropped };
  } finally {
    state.inFlight--;
  }
}

function answer(state: EmulatorState, root: string, request: ApiRequest): Reply {
  const auth = request.headers['authorization'] ?? '';
  const token = auth.startsWith('Bearer ') ? auth.slice(7) : '';
  if (!state.tokens.has(token))
    return errorReply(401, 'InvalidAuthenticationToken', 'Access token has expired or is not yet valid.', { 'WWW-Authenticate': 'Bearer' });
  if (state.locked) return errorReply(403, 'ErrorAccessDenied', 'Access is denied. Check credentials and try again.');
  const { pathname, searchParams } = request.url;
  if (!pathname.startsWith('/v1.0/')) return errorReply(404, 'BadRequest', 'Unknown API version.');
  const text = Buffer.from(request.body).toString('utf8');
  let body: unknown;
  if (text.trim() !== '') {
    try {
      body = JSON.parse(text) as unknown;
    } catch {
      return errorReply(400, 'BadRequest', 'Unable to read JSON request payload.');
    }
  }
  const ctx: RouteContext = { mailbox: state.mailbox, rounds: state.rounds, settings: state.settings, random: state.random, root };
  return serveCall(state, ctx, {
    method: request.method,
    path: pathname.slice('/v1.0'.length),
    query: searchParams,
    headers: request.headers,
    body,
  });
}
