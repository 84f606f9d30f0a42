import { request, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import { NETWORK_DOWN_HEADER } from '../shared/demo-accounts.js';

export interface ProxyRoute {
  /** The path prefix on the app's origin, e.g. `/api/wl`. */
  readonly prefix: string;
  /** The emulator's base URL, e.g. `http://127.0.0.1:4321`. */
  readonly target: string;
  /** Headers the proxy sets on every forwarded request (Yahoo's cookie; see `YahooAccount`). */
  readonly addHeaders?: Readonly<Record<string, string>>;
  /**
   * For a service whose answers hold absolute links to itself (Graph's `@odata.nextLink`,
   * `@odata.deltaLink`, a 410's `Location`): the proxy rewrites `target` to its own origin and
   * prefix in the body and `Location`, as a reverse proxy does, so the adapter's same-origin rule
   * for links (it never sends its token elsewhere) holds for the proxied address.
   */
  readonly rewriteLinks?: boolean;
}

/** Hop-by-hop headers (RFC 9110 §7.6.1) are the connection's own, never forwarded. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'trailer', 'host']);

function forwardable(headers: IncomingHttpHeaders): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) if (value !== undefined && !HOP_BY_HOP.has(name)) out[name] = value;
  return out;
}

/**
 * Forwards a request under `route.prefix` to the emulator, byte for byte, and its answer back. When
 * the emulator drops the connection (a lost response, staged by its control plane) the browser's
 * connection is dropped too, so the app sees exactly that.
 */
export function proxyRequest(route: ProxyRoute, req: IncomingMessage, res: ServerResponse): void {
  const path = (req.url ?? '/').slice(route.prefix.length) || '/';
  const upstream = request(
    new URL(path, route.target),
    { method: req.method, headers: { ...forwardable(req.headers), ...route.addHeaders } },
    (answer) => {
      if (route.rewriteLinks === true) {
        rewritten(route, req, answer, res);
        return;
      }
      res.writeHead(answer.statusCode ?? 502, forwardable(answer.headers));
      answer.pipe(res);
      answer.on('error', () => res.destroy());
    },
  );
  upstream.on('error', () => {
    if (res.headersSent) res.destroy();
    else req.socket.destroy();
  });
  req.pipe(upstream);
}

/** The answer with the emulator's origin replaced by the proxy's (see `ProxyRoute.rewriteLinks`). */
function rewritten(route: ProxyRoute, req: IncomingMessage, answer: IncomingMessage, res: ServerResponse): void {
  const from = new URL(route.target).origin;
  const to = `http://${req.headers.host ?? '127.0.0.1'}${route.prefix}`;
  const chunks: Buffer[] = [];
  answer.on('data', (chunk: Buffer) => chunks.push(chunk));
  answer.on('error', () => res.destroy());
  answer.on('end', () => {
    const body = Buffer.from(Buffer.concat(chunks).toString('utf8').split(from).join(to), 'utf8');
    const headers = forwardable(answer.headers);
    delete headers['content-length'];
    const location = answer.headers.location;
    if (location !== undefined) headers['location'] = location.split(from).join(to);
    res.writeHead(answer.statusCode ?? 502, { ...headers, 'content-length': String(body.length) });
    res.end(body);
  });
}

/**
 * The answer for service requests while the console has the network down: nothing reaches the
 * emulator, and the app's fetch wrapper turns this into a network failure (`worker/demo-fetch.ts`).
 */
export function answerNetworkDown(req: IncomingMessage, res: ServerResponse): void {
  req.resume();
  res.writeHead(503, { [NETWORK_DOWN_HEADER]: 'down', 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
  res.end('The demo has taken the network down (server console).');
}
