import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * A same-origin relay for browsers (CardDAV servers send no CORS headers, so a page cannot call
 * them): a request handler any Node `http` server can mount. It forwards DAV methods under
 * `basePath` to the one configured server, path for path (so the server's hrefs stay valid for
 * the page), and nothing else: it is never an open proxy. Credentials pass through in the
 * Authorization header and are never logged; cookies and the browser's other headers are not
 * forwarded; bodies are size-capped both ways.
 */
export interface CardDavRelayOptions {
  /** The CardDAV server's origin, e.g. `https://dav.example.org`. */
  readonly target: string;
  /** Paths handled (and forwarded unchanged), e.g. `/dav/`; `/.well-known/carddav` always is. */
  readonly basePath: string;
  readonly maxRequestBytes?: number;
  readonly maxResponseBytes?: number;
  readonly timeoutMs?: number;
  readonly fetch?: (input: string, init: RequestInit) => Promise<Response>;
  /** Method, path and status of each request; never headers or bodies. */
  readonly log?: (entry: { readonly method: string; readonly path: string; readonly status: number }) => void;
}

export const RELAY_METHODS = ['PROPFIND', 'REPORT', 'GET', 'PUT', 'DELETE', 'OPTIONS', 'MKCOL'] as const;
const FORWARDED_REQUEST_HEADERS = ['authorization', 'content-type', 'depth', 'if-match', 'if-none-match', 'accept', 'prefer', 'brief'];
/** WWW-Authenticate is left out: in a page it would open the browser's own password dialog. */
const FORWARDED_RESPONSE_HEADERS = ['content-type', 'etag', 'dav', 'allow', 'retry-after', 'date', 'last-modified'];

export type RelayHandler = (req: IncomingMessage, res: ServerResponse) => boolean;

class TooLarge extends Error {}

async function readCapped(req: IncomingMessage, max: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > max) throw new TooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** Returns a handler that answers and returns true for the requests it relays, false for others. */
export function createCardDavRelay(options: CardDavRelayOptions): RelayHandler {
  const target = new URL(options.target).origin;
  const base = options.basePath.endsWith('/') ? options.basePath : `${options.basePath}/`;
  const maxRequest = options.maxRequestBytes ?? 10 * 1024 * 1024;
  const maxResponse = options.maxResponseBytes ?? 100 * 1024 * 1024;
  const fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));

  const answer = (
    res: ServerResponse,
    method: string,
    path: string,
    status: number,
    headers: Record<string, string> = {},
    body?: Buffer,
  ): void => {
    options.log?.({ method, path, status });
    res.writeHead(status, headers).end(body);
  };

  async function relay(req: IncomingMessage, res: ServerResponse, method: string, path: string): Promise<void> {
    let body: Buffer;
    try {
      body = await readCapped(req, maxRequest);
    } catch (error) {
      return answer(res, method, path, error instanceof TooLarge ? 413 : 400, { Connection: 'close' });
    }
    const headers: Record<string, string> = {};
    for (const name of FORWARDED_REQUEST_HEADERS) {
      const value = req.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }
    const init: RequestInit = { method, headers, redirect: 'manual', signal: AbortSignal.timeout(options.timeoutMs ?? 60_000) };
    if (body.length > 0) init.body = new Uint8Array(body);
    let response: Response;
    let payload: Buffer;
    try {
      response = await fetchImpl(`${target}${path}`, init);
      const declared = Number(response.headers.get('content-length') ?? '0');
      if (declared > maxResponse) return answer(res, method, path, 502);
      payload = Buffer.from(await response.arrayBuffer());
      if (payload.length > maxResponse) return answer(res, method, path, 502);
    } catch {
      return answer(res, method, path, 502);
    }
    const out: Record<string, string> = {};
    for (const name of FORWARDED_RESPONSE_HEADERS) {
      const value = response.headers.get(name);
      if (value !== null) out[name] = value;
    }
    // A Location on the server becomes the same path on the relay; one elsewhere is dropped.
    const location = response.headers.get('location');
    if (location !== null) {
      const url = new URL(location, `${target}${path}`);
      if (url.origin === target) out['location'] = `${url.pathname}${url.search}`;
    }
    answer(res, method, path, response.status, out, payload);
  }

  return (req, res) => {
    const raw = req.url ?? '';
    // Origin-form targets only (RFC 9112 §3.2.1): an absolute URL or `//host` is never a path here.
    if (!raw.startsWith('/') || raw.startsWith('//')) return false;
    const url = new URL(raw, target);
    const path = `${url.pathname}${url.search}`;
    if (!url.pathname.startsWith(base) && url.pathname !== '/.well-known/carddav') return false;
    const method = req.method ?? 'GET';
    if (!(RELAY_METHODS as readonly string[]).includes(method)) {
      req.resume();
      answer(res, method, url.pathname, 405, { Allow: RELAY_METHODS.join(', ') });
      return true;
    }
    void relay(req, res, method, path);
    return true;
  };
}
