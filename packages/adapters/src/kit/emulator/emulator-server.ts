import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ContactDraft } from '@contactsync/core';
import { ControlInputError, jsonObject, type CommonControl, type JsonObject } from './common-control.js';
import { commonControlRoute, type ControlAnswer, type ControlInput } from './control-routes.js';

/**
 * The server scaffold every emulator runs on: a real HTTP server on 127.0.0.1, its service API,
 * and the control plane under `/_control/` (the common routes, then the service's own). The service
 * answers requests; the scaffold owns sockets, bodies, lost responses and emulator bugs.
 */

export interface ApiRequest {
  readonly method: string;
  readonly url: URL;
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly body: Uint8Array;
  /** `http://host:port` as the client addressed the server. */
  readonly origin: string;
}

export interface ApiReply {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export interface EmulatorService<FailRule, Match> {
  readonly control: CommonControl<FailRule, Match>;
  readonly controlInput: ControlInput<FailRule, Match>;
  /** One API request. `lose`: it was processed (and committed) and its answer must be lost. */
  serve(request: ApiRequest): Promise<{ readonly reply: ApiReply; readonly lose: boolean }>;
  /** The service's own control routes (`path` below `/_control/`); undefined when there is none. */
  controlRoute?(method: string, path: readonly string[], body: JsonObject): ControlAnswer | undefined;
}

/** A service's control plane as the scaffold takes it: the common control, how its input reads, and its own routes. */
export function controlPlane<FailRule, Match, Control extends CommonControl<FailRule, Match>>(
  control: Control,
  controlInput: ControlInput<FailRule, Match>,
  route: (control: Control, method: string, path: readonly string[], body: JsonObject) => ControlAnswer | undefined,
): Omit<EmulatorService<FailRule, Match>, 'serve'> {
  return { control, controlInput, controlRoute: (method, path, body) => route(control, method, path, body) };
}

/** Options every emulator takes. */
export interface EmulatorBaseOptions {
  /** 0 (the default) picks a free port. The server listens on 127.0.0.1 only. */
  readonly port?: number;
  /** Epoch-millisecond clock (default `Date.now`); the control plane can shift it further. */
  readonly clock?: () => number;
  readonly seedContacts?: readonly ContactDraft[];
}

export interface RunningServer {
  /** `http://127.0.0.1:{port}`. */
  readonly url: string;
  close(): Promise<void>;
}

export async function startEmulatorServer<FailRule, Match>(service: EmulatorService<FailRule, Match>, port = 0): Promise<RunningServer> {
  const server = createServer((req, res) => {
    handle(service, req, res).catch((error: unknown) => {
      // Only a bug of the emulator gets here: answer 500 without a body, as the services' own failures look.
      if (res.headersSent) return;
      res.writeHead(500, { 'x-emulator-error': error instanceof Error ? error.name : 'unknown' }).end();
    });
  });
  await listen(server, port);
  const { port: bound } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${bound}`, close: () => close(server) };
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

async function readBody(req: IncomingMessage): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function headersOf(req: IncomingMessage): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(req.headers)) out[name] = Array.isArray(value) ? value.join(', ') : value;
  return out;
}

async function handle<FailRule, Match>(
  service: EmulatorService<FailRule, Match>,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const body = await readBody(req);
  const method = (req.method ?? 'GET').toUpperCase();
  if (url.pathname === '/_control' || url.pathname.startsWith('/_control/')) {
    const answer = control(service, method, url.pathname.replace(/^\/_control\/?/, ''), body);
    res.writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8' });
    res.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
    return;
  }
  const request: ApiRequest = { method, url, headers: headersOf(req), body, origin: `http://${req.headers.host ?? '127.0.0.1'}` };
  const { reply, lose } = await service.serve(request);
  if (lose) {
    // The request was committed; the client never hears about it (a lost response).
    req.socket.destroy();
    return;
  }
  // 204 and 304 carry no body and no Content-Length (RFC 9110 §8.6).
  const length = reply.status === 204 || reply.status === 304 ? {} : { 'content-length': String(Buffer.byteLength(reply.body)) };
  res.writeHead(reply.status, { ...reply.headers, ...length });
  res.end(reply.body);
}

function control<FailRule, Match>(
  service: EmulatorService<FailRule, Match>,
  method: string,
  route: string,
  bytes: Uint8Array,
): ControlAnswer {
  try {
    let parsed: unknown;
    try {
      parsed = bytes.byteLength === 0 ? undefined : JSON.parse(Buffer.from(bytes).toString('utf8'));
    } catch {
      throw new ControlInputError('the body is not JSON');
    }
    const body = jsonObject(parsed, 'the body');
    const path = route
      .split('/')
      .filter((p) => p !== '')
      .map(decodeURIComponent);
    const answer =
      commonControlRoute(service.control, service.controlInput, method, route, body) ?? service.controlRoute?.(method, path, body);
    return answer ?? { status: 404, body: { error: `no control route ${method} ${route}` } };
  } catch (error) {
    if (error instanceof ControlInputError)
      return { status: 400, body: { error: error.message, ...(error.code === undefined ? {} : { code: error.code }) } };
    throw error;
  }
}
