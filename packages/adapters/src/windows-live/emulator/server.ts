import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ALLOW_ANY_METHOD, HEADERS } from '../wire.js';
import { createControl } from './control.js';
import { handleControl } from './control-http.js';
import { loadState, saveState } from './persist.js';
import { empty, httpDate, type EmulatorRequest, type Reply } from './reply.js';
import { route } from './routes.js';
import { EmulatorState } from './state.js';
import { DEFAULT_QUOTAS, type EmulatorControl, type ForcedResponse, type WindowsLiveEmulator, type WindowsLiveEmulatorOptions } from './types.js';

/**
 * Starts a Windows Live Contacts emulator (PROTOCOLS.md §1) on 127.0.0.1: a real HTTP server, the
 * reference implementation our client is tested against, with a control plane under `/_control/`.
 */
export async function startWindowsLiveEmulator(options: WindowsLiveEmulatorOptions = {}): Promise<WindowsLiveEmulator> {
  const persisted = options.persistPath === undefined ? null : loadState(options.persistPath);
  const lid = (options.lid ?? persisted?.lid ?? randomBytes(8).toString('hex')).toLowerCase();
  if (!/^[0-9a-f]{16}$/.test(lid)) throw new Error(`lid must be 16 hex digits, got ${lid}`);
  const token = options.token ?? persisted?.token ?? randomBytes(18).toString('base64url');
  const persistPath = options.persistPath;
  const state: EmulatorState = new EmulatorState(lid, options.clock ?? Date.now, { ...DEFAULT_QUOTAS, ...options.quotas }, () => {
    if (persistPath !== undefined) saveState(persistPath, { format: 'windows-live-emulator/1', lid, token, book: state.book.snapshot() });
  });
  state.tokens.mint({ lid, readOnly: false }, token);
  if (persisted !== null) state.book.restore(persisted.book);
  const control = createControl(state);
  if (options.seedContacts !== undefined && options.seedContacts.length > 0) control.seed(options.seedContacts);

  const server = createServer((req, res) => {
    serve(state, control, req, res).catch(() => {
      // Only a bug of the emulator gets here (routes answer every request); answer rather than hang.
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  await listen(server, options.port ?? 0);
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    lid,
    cid: state.cid,
    token,
    control,
    close: () => close(server),
  };
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

const strictDecoder = new TextDecoder('utf-8', { fatal: true });

/**
 * The request body as text. Bytes that are not UTF-8 (the declared charset) make the document not
 * well-formed XML; they are read as a NUL character, which no XML document may contain, so the
 * parser refuses the body with 400 like any other malformed one.
 */
async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  try {
    return strictDecoder.decode(Buffer.concat(chunks));
  } catch {
    return '\u0000';
  }
}

function headersOf(req: IncomingMessage): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(req.headers)) out[name] = Array.isArray(value) ? value.join(', ') : value;
  return out;
}

function forcedReply(rule: ForcedResponse): Reply {
  const headers: Record<string, string> = {};
  if (rule.retryAfter !== undefined) headers[HEADERS.retryAfter] = String(rule.retryAfter);
  if (rule.status === 405) headers[HEADERS.allow] = ALLOW_ANY_METHOD;
  if (rule.status === 401) headers['WWW-Authenticate'] = 'DelegatedToken';
  return empty(rule.status, headers);
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function serve(state: EmulatorState, control: EmulatorControl, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = await readBody(req);
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const method = (req.method ?? 'GET').toUpperCase();
  const request: EmulatorRequest = {
    method,
    pathname: url.pathname,
    headers: headersOf(req),
    body,
    origin: `http://${req.headers.host ?? '127.0.0.1'}`,
  };
  if (url.pathname === '/_control' || url.pathname.startsWith('/_control/')) {
    send(res, handleControl(control, request), null);
    return;
  }
  if (state.faults.latencyMs > 0) await sleep(state.faults.latencyMs);
  const forced = state.faults.takeForced(method, url.pathname);
  const reply = forced === null ? route(state, request) : forcedReply(forced);
  // A drop applies to a request that was processed: it commits, and the answer is lost.
  const dropped = forced === null && state.faults.takeDrop(method, url.pathname);
  state.requestLog.push({ method, path: url.pathname, status: reply.status, time: state.now(), forced: forced !== null, dropped });
  if (dropped) {
    req.socket.destroy();
    return;
  }
  send(res, reply, state.now());
}

function send(res: ServerResponse, reply: Reply, now: number | null): void {
  if (now !== null) {
    // `Date` from the emulator's clock, so it agrees with Last-Modified when tests move time.
    res.sendDate = false;
    res.setHeader('Date', httpDate(Math.floor(now / 1000)));
  }
  res.writeHead(reply.status, reply.headers);
  res.end(reply.body);
}
