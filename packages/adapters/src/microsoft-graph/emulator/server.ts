import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { seededRandom } from './random.js';
import { createControl } from './control.js';
import { handleControl } from './control-http.js';
import { forcedReply, serveCall } from './serve-call.js';
import { errorReply, type Reply } from './reply.js';
import type { RouteContext } from './routes.js';
import { EmulatorState } from './state.js';
import { DEFAULT_SETTINGS, type GraphEmulator, type GraphEmulatorControl, type GraphEmulatorOptions } from './types.js';

/**
 * Starts a Microsoft Graph contacts emulator on 127.0.0.1: a real HTTP server for the routes the
 * adapter uses, with fault injection and a control plane under `/_control/`.
 */
export async function startGraphEmulator(options: GraphEmulatorOptions = {}): Promise<GraphEmulator> {
  const state = new EmulatorState(
    options.clock ?? Date.now,
    { ...DEFAULT_SETTINGS, ...options.settings },
    options.token ?? randomBytes(18).toString('base64url'),
    seededRandom(options.seed ?? 1),
  );
  const control = createControl(state);
  if (options.seedContacts !== undefined && options.seedContacts.length > 0) control.seed(options.seedContacts);
  let root = '';
  const server = createServer((req, res) => {
    serve(state, control, root, req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  await listen(server, options.port ?? 0);
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  root = `${origin}/v1.0`;
  return { url: root, origin, control, close: () => close(server) };
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function serve(
  state: EmulatorState,
  control: GraphEmulatorControl,
  root: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const text = await readBody(req);
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const method = (req.method ?? 'GET').toUpperCase();
  if (url.pathname === '/_control' || url.pathname.startsWith('/_control/')) {
    send(res, handleControl(control, method, url.pathname, text), null);
    return;
  }
  // Graph limits concurrent requests per mailbox; one more is refused at once, before any work.
  if (state.inFlight >= state.settings.maxConcurrent) {
    const reply = errorReply(429, 'ApplicationThrottled', 'Application is over its MailboxConcurrency limit.', {
      'Retry-After': String(state.settings.concurrencyRetryAfter),
    });
    state.requestLog.push({ method, path: url.pathname, status: 429, time: state.now(), forced: false, dropped: false, inBatch: false });
    send(res, reply, state.now());
    return;
  }
  const wait = state.overRateLimit();
  if (wait !== null) {
    const reply = errorReply(429, 'ApplicationThrottled', 'Application is over its MailboxRequests limit.', {
      'Retry-After': String(wait),
    });
    state.requestLog.push({ method, path: url.pathname, status: 429, time: state.now(), forced: false, dropped: false, inBatch: false });
    send(res, reply, state.now());
    return;
  }
  state.inFlight++;
  try {
    if (state.faults.latencyMs > 0) await sleep(state.faults.latencyMs);
    const reply = answer(state, root, method, url, req, text);
    const dropped = reply.status < 500 && state.faults.takeDrop(method, url.pathname);
    state.requestLog.push({
      method,
      path: url.pathname,
      status: reply.status,
      time: state.now(),
      forced: reply.forced,
      dropped,
      inBatch: false,
    });
    if (dropped) {
      req.socket.destroy();
      return;
    }
    send(res, reply, state.now());
  } finally {
    state.inFlight--;
  }
}

function answer(
  state: EmulatorState,
  root: string,
  method: string,
  url: URL,
  req: IncomingMessage,
  text: string,
): Reply & { readonly forced: boolean } {
  const forced = state.faults.takeForced(method, url.pathname, false);
  if (forced !== null) return { ...forcedReply(forced), forced: true };
  const auth = req.headers.authorization ?? '';
  const token = auth.startsWith('Bearer ') ? auth.slice(7) : '';
  if (!state.tokens.has(token))
    return {
      ...errorReply(401, 'InvalidAuthenticationToken', 'Access token has expired or is not yet valid.', { 'WWW-Authenticate': 'Bearer' }),
      forced: false,
    };
  if (state.faults.locked)
    return { ...errorReply(403, 'ErrorAccessDenied', 'Access is denied. Check credentials and try again.'), forced: false };
  if (!url.pathname.startsWith('/v1.0/')) return { ...errorReply(404, 'BadRequest', 'Unknown API version.'), forced: false };
  let body: unknown;
  if (text.trim() !== '') {
    try {
      body = JSON.parse(text) as unknown;
    } catch {
      return { ...errorReply(400, 'BadRequest', 'Unable to read JSON request payload.'), forced: false };
    }
  }
  const ctx: RouteContext = { mailbox: state.mailbox, rounds: state.rounds, settings: state.settings, random: state.random, root };
  const headers: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(req.headers)) headers[k] = Array.isArray(v) ? v.join(', ') : v;
  return {
    ...serveCall(state, ctx, { method, path: url.pathname.slice('/v1.0'.length), query: url.searchParams, headers, body }),
    forced: false,
  };
}

function send(res: ServerResponse, reply: Reply, now: number | null): void {
  if (now !== null) {
    // `Date` from the emulator's clock, so a Retry-After date and the Date agree when tests move time.
    res.sendDate = false;
    res.setHeader('Date', new Date(now).toUTCString());
  }
  res.writeHead(reply.status, reply.headers);
  res.end(reply.json === undefined ? '' : JSON.stringify(reply.json));
}
