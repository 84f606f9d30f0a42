import { randomBytes } from 'node:crypto';
import { startEmulatorServer, type ApiReply, type ApiRequest } from '../../kit/emulator/emulator-server.js';
import { ALLOW_ANY_METHOD, HEADERS } from '../wire.js';
import { createControl } from './control.js';
import { windowsLiveControlPlane } from './control-http.js';
import { loadState, saveState } from './persist.js';
import { empty, httpDate, type EmulatorRequest, type Reply } from './reply.js';
import { route } from './routes.js';
import { EmulatorState } from './state.js';
import { DEFAULT_QUOTAS, type ForcedResponse, type WindowsLiveEmulator, type WindowsLiveEmulatorOptions } from './types.js';

/**
 * Starts a Windows Live Contacts emulator (docs/windows-live.md) on 127.0.0.1: the reference
 * implementation our client is tested against, on the emulator kit's server scaffold.
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

  const server = await startEmulatorServer(
    { ...windowsLiveControlPlane(control), serve: (request) => serve(state, request) },
    options.port ?? 0,
  );
  return { url: server.url, lid, cid: state.cid, token, control, close: () => server.close() };
}

const strictDecoder = new TextDecoder('utf-8', { fatal: true });

/**
 * The request body as text. Bytes that are not UTF-8 (the declared charset) make the document not
 * well-formed XML; they are read as a NUL character, which no XML document may contain, so the
 * parser refuses the body with 400 like any other malformed one.
 */
function bodyText(bytes: Uint8Array): string {
  try {
    return strictDecoder.decode(bytes);
  } catch {
    return '\u0000';
  }
}

function forcedReply(rule: ForcedResponse): Reply {
  const headers: Record<string, string> = {};
  if (rule.retryAfter !== undefined) headers[HEADERS.retryAfter] = String(rule.retryAfter);
  if (rule.status === 405) headers[HEADERS.allow] = ALLOW_ANY_METHOD;
  if (rule.status === 401) headers['WWW-Authenticate'] = 'DelegatedToken';
  return empty(rule.status, headers);
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function serve(state: EmulatorState, raw: ApiRequest): Promise<{ reply: ApiReply; lose: boolean }> {
  const { method } = raw;
  const pathname = raw.url.pathname;
  const request: EmulatorRequest = { method, pathname, headers: raw.headers, body: bodyText(raw.body), origin: raw.origin };
  if (state.faults.latencyMs > 0) await sleep(state.faults.latencyMs);
  const forced = state.faults.takeForced(method, pathname);
  const reply = forced === null ? route(state, request) : forcedReply(forced);
  // A drop applies to a request that was processed: it commits, and the answer is lost.
  const dropped = forced === null && state.faults.takeDrop(method, pathname);
  state.requestLog.push({ method, path: pathname, status: reply.status, time: state.now(), forced: forced !== null, dropped });
  // `Date` from the emulator's clock, so it agrees with Last-Modified when tests move time.
  return { reply: { ...reply, headers: { ...reply.headers, Date: httpDate(Math.floor(state.now() / 1000)) } }, lose: dropped };
}
