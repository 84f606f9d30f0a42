import { readFile } from 'node:fs/promises';
import { Agent, createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, normalize, resolve, sep } from 'node:path';

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
};

export interface BenchServer {
  readonly url: string;
  /**
   * Routes `/emu/{handle}/...` to an emulator, so the page's workers fetch it same-origin (as the
   * demo proxies). `cookie` is added to requests that carry none: a page cannot set that header
   * (fetch drops it), so a same-origin proxy supplies the Yahoo session cookie, as the browser would.
   */
  route(handle: number, target: string, cookie?: string): void;
  close(): Promise<void>;
}

/** Serves the bundle, and proxies emulator requests (the emulators send no CORS headers). */
export async function startBenchServer(root: string): Promise<BenchServer> {
  const routes = new Map<number, { target: URL; cookie: string | undefined }>();
  const agent = new Agent({ keepAlive: true });

  function proxy(req: IncomingMessage, res: ServerResponse, route: { target: URL; cookie: string | undefined }, rest: string): void {
    const url = new URL(rest, route.target);
    const headers = {
      ...req.headers,
      host: url.host,
      ...(req.headers.cookie === undefined && route.cookie !== undefined ? { cookie: route.cookie } : {}),
    };
    const upstream = httpRequest(url, { method: req.method, headers, agent }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  }

  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://bench.invalid');
    const match = /^\/emu\/(\d+)(\/.*)$/.exec(path.pathname);
    if (match !== null) {
      const target = routes.get(Number(match[1]));
      if (target === undefined) return void res.writeHead(404).end();
      return proxy(req, res, target, `${match[2] ?? '/'}${path.search}`);
    }
    const file = normalize(resolve(root, `.${path.pathname === '/' ? '/index.html' : decodeURIComponent(path.pathname)}`));
    if (!file.startsWith(root + sep)) return void res.writeHead(403).end();
    readFile(file).then(
      (body) =>
        res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' }).end(body),
      () => res.writeHead(404).end(),
    );
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    route: (handle, target, cookie) => void routes.set(handle, { target: new URL(target.endsWith('/') ? target : `${target}/`), cookie }),
    close: () =>
      new Promise<void>((done) => {
        agent.destroy();
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
