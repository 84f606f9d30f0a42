import { request, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import { NETWORK_DOWN_HEADER } from '../shared/demo-accounts.js';

export interface ProxyRoute {
  /** The path prefix on the app's origin, e.g. `/api/wl`. */
  readonly prefix: string;
  /** The emulator's base URL, e.g. `http://127.0.0.1:4321`. */
  readonly target: string;
  /** Headers the proxy sets on every forwarded request (Yahoo's cookie; see `YahooAccount`). */
  readonly addHeaders?: Readonly<Record<string, string>>;
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

/**
 * The answer for service requests while the console has the network down: nothing reaches the
 * emulator, and the app's fetch wrapper turns this into a network failure (`worker/demo-fetch.ts`).
 */
export function answerNetworkDown(req: IncomingMessage, res: ServerResponse): void {
  req.resume();
  res.writeHead(503, { [NETWORK_DOWN_HEADER]: 'down', 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
  res.end('The demo has taken the network down (server console).');
}
