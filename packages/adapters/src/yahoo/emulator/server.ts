import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ContactDraft } from '@contactsync/core';
import { createControl, type YahooEmulatorControl } from './control.js';
import { handleControl } from './control-http.js';
import type { EmulatorLimits } from './limits.js';
import { handleApi } from './routes.js';
import { createState, type EmulatorState } from './state.js';

export interface YahooEmulatorOptions {
  /** 0 (the default) picks a free port. The server listens on 127.0.0.1 only. */
  readonly port?: number;
  /** Epoch-millisecond clock for revisions, history retention and the log; default `Date.now`. */
  readonly clock?: () => number;
  readonly seedContacts?: readonly ContactDraft[];
  readonly limits?: Partial<EmulatorLimits>;
  /** Refuse duplicate contacts with -40042..-40045 instead of merging identical ones. */
  readonly strictDuplicates?: boolean;
}

export interface YahooEmulator {
  /** Base URL, e.g. `http://127.0.0.1:4321`; the API is under `/v1/`, the control plane under `/_control/`. */
  readonly url: string;
  readonly appid: string;
  readonly wssid: string;
  /** The `Cookie` header value to send: `Y=...`. */
  readonly cookie: string;
  readonly control: YahooEmulatorControl;
  close(): Promise<void>;
}

/** Starts a Yahoo Address Book emulator (PROTOCOLS.md §2) on a real loopback socket. */
export async function startYahooEmulator(options: YahooEmulatorOptions = {}): Promise<YahooEmulator> {
  const state = createState(options);
  const control = createControl(state);
  if (options.seedContacts !== undefined && options.seedContacts.length > 0) control.seed(options.seedContacts);

  const server = createServer((req, res) => {
    serve(state, control, req, res).catch((error: unknown) => {
      // A bug in the emulator: answer 500 without a body, as the service's own failures look.
      res.statusCode = 500;
      res.setHeader('x-emulator-error', error instanceof Error ? error.name : 'unknown');
      res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    appid: state.credentials.appid,
    wssid: state.credentials.wssid,
    cookie: state.credentials.cookie,
    control,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function readBody(req: IncomingMessage): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function serve(state: EmulatorState, control: YahooEmulatorControl, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const at = state.now();
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const body = await readBody(req);
  const method = req.method ?? 'GET';

  if (url.pathname.startsWith('/_control/')) {
    let parsed: unknown = undefined;
    try {
      parsed = body.byteLength === 0 ? undefined : JSON.parse(Buffer.from(body).toString('utf8'));
    } catch {
      parsed = null;
    }
    const answer = parsed === null ? { status: 400, body: { error: 'the body is not JSON' } } : handleControl(control, method, url.pathname.slice('/_control/'.length), parsed);
    res.writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(answer.body));
    return;
  }

  const response = await handleApi(state, { method, url, cookie: req.headers.cookie, body });
  const format = url.searchParams.get('format') === 'json' ? 'json' : 'xml';
  const drop = state.faults.takeDrop({ method, path: url.pathname, format });
  state.log.push({
    method,
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    at,
    status: response.status,
    code: response.code,
    nestedCodes: response.nestedCodes,
    dropped: drop,
  });
  if (state.switches.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, state.switches.latencyMs));
  if (drop) {
    // The request was committed; the client never hears about it (a lost response).
    req.socket.destroy();
    return;
  }
  res.writeHead(response.status, { ...response.headers, 'content-length': String(Buffer.byteLength(response.body)) });
  res.end(response.body);
}
