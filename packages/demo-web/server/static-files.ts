import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/**
 * Defence in depth for the "contact strings are text" rule: even if markup ever slipped into the DOM,
 * no inline script or handler could run. React renders every value as text in the first place.
 */
const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; worker-src 'self'; connect-src 'self'; img-src 'self' data:; style-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
} as const;

/**
 * Serves the built app from `root`: files by path, and `index.html` for any other GET (the app has
 * one page). Vite's hashed assets are cached for good; everything else is revalidated.
 */
export async function serveStatic(root: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD' }).end();
    return;
  }
  const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://demo.invalid').pathname);
  const wanted = normalize(join(root, pathname));
  const inside = wanted === root || wanted.startsWith(root.endsWith(sep) ? root : root + sep);
  let file = join(root, 'index.html');
  if (inside && pathname !== '/') {
    const info = await stat(wanted).catch(() => null);
    if (info?.isFile()) file = wanted;
  }
  const hashed = file !== join(root, 'index.html') && pathname.startsWith('/assets/');
  const info = await stat(file).catch(() => null);
  if (info === null) {
    res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end('The app is not built: run the demo command, which builds it.');
    return;
  }
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
    'content-length': String(info.size),
    'cache-control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(file).pipe(res);
}
