import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * An in-process CardDAV server on loopback, only for what Radicale and Xandikos never do
 * (docs/carddav.md "Testing"): 507-truncated sync-collection pages, 410 for a token, a create
 * stored under a server-chosen href (Location) without `.vcf`, PUT answers without an ETag, and
 * scripted raw bodies (hostile XML, 503 with Retry-After, slow answers).
 */
export interface MockOptions {
  /** Members per sync-collection answer; more -> 507 on the collection and a partial token. */
  pageSize?: number;
  /** Tokens answered with 410 Gone. */
  goneTokens?: Set<string>;
  /** Creates are stored at `<book>server-<n>` and the PUT answers with this Location. */
  assignHref?: boolean;
  /** The Location to send instead (e.g. another origin). */
  location?: string;
  omitPutEtag?: boolean;
  /** Refuses sync-collection (403 DAV:supported-report); PROPFIND gives getctag and the listing. */
  noSyncCollection?: boolean;
  /** Answers the next request of `method` instead of the book. */
  script?: { method: string; status: number; headers?: Record<string, string>; body?: string; delayMs?: number }[];
}

export interface MockServer {
  readonly url: string;
  readonly bookUrl: string;
  readonly options: MockOptions;
  readonly log: string[];
  put(name: string, text: string): void;
  remove(name: string): void;
  cards(): Map<string, string>;
  close(): Promise<void>;
}

const BOOK = '/dav/alice/book/';

export async function startMockCardDav(options: MockOptions = {}): Promise<MockServer> {
  const cards = new Map<string, { etag: string; text: string; version: number }>();
  const removed = new Map<string, number>();
  let version = 0;
  let assigned = 0;
  const log: string[] = [];
  const etagOf = (text: string): string => `"${createHash('sha1').update(text).digest('hex')}"`;
  const store = (path: string, text: string): string => {
    const etag = etagOf(text);
    cards.set(path, { etag, text, version: ++version });
    removed.delete(path);
    return etag;
  };
  const drop = (path: string): void => {
    cards.delete(path);
    removed.set(path, ++version);
  };

  const xml = (res: ServerResponse, status: number, body: string): void => {
    res.writeHead(status, { 'Content-Type': 'application/xml; charset=utf-8' }).end(`<?xml version="1.0"?>${body}`);
  };
  const esc = (t: string): string => t.replace(/&/g, '&amp;').replace(/</g, '&lt;');

  function syncCollection(res: ServerResponse, body: string): void {
    const token = /<d:sync-token>([^<]*)<\/d:sync-token>/.exec(body)?.[1] ?? '';
    if (options.goneTokens?.has(token)) return void res.writeHead(410).end();
    const since = token === '' ? 0 : Number(token.replace('mock:', ''));
    const changes = [
      ...[...cards].filter(([, c]) => c.version > since).map(([path, c]) => ({ path, version: c.version, etag: c.etag })),
      ...(since === 0 ? [] : [...removed].filter(([, v]) => v > since).map(([path, v]) => ({ path, version: v, etag: null }))),
    ].sort((a, b) => a.version - b.version);
    const page = options.pageSize === undefined ? changes : changes.slice(0, options.pageSize);
    const truncated = page.length < changes.length;
    const next = truncated ? (page.at(-1)?.version ?? since) : version;
    const responses = page.map((c) =>
      c.etag === null
        ? `<d:response><d:href>${esc(c.path)}</d:href><d:status>HTTP/1.1 404 Not Found</d:status></d:response>`
        : `<d:response><d:href>${esc(c.path)}</d:href><d:propstat><d:prop><d:getetag>${esc(c.etag)}</d:getetag></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>`,
    );
    if (truncated)
      responses.push(`<d:response><d:href>${BOOK}</d:href><d:status>HTTP/1.1 507 Insufficient Storage</d:status></d:response>`);
    xml(res, 207, `<d:multistatus xmlns:d="DAV:">${responses.join('')}<d:sync-token>mock:${next}</d:sync-token></d:multistatus>`);
  }

  /** Depth 0: the book's getctag; Depth 1: the book and its members with their ETags. */
  function propfind(req: IncomingMessage, res: ServerResponse): void {
    const book = `<d:response><d:href>${BOOK}</d:href><d:propstat><d:prop><cs:getctag>"ctag-${version}"</cs:getctag><d:resourcetype><d:collection/></d:resourcetype></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>`;
    const members =
      req.headers['depth'] === '1'
        ? [...cards].map(
            ([path, c]) =>
              `<d:response><d:href>${esc(path)}</d:href><d:propstat><d:prop><d:getetag>${esc(c.etag)}</d:getetag><d:resourcetype/></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>`,
          )
        : [];
    xml(res, 207, `<d:multistatus xmlns:d="DAV:" xmlns:cs="http://calendarserver.org/ns/">${book}${members.join('')}</d:multistatus>`);
  }

  function multiget(res: ServerResponse, body: string): void {
    const hrefs = [...body.matchAll(/<d:href>([^<]*)<\/d:href>/g)].map((m) => m[1] ?? '');
    const responses = hrefs.map((href) => {
      const card = cards.get(href);
      if (card === undefined) return `<d:response><d:href>${esc(href)}</d:href><d:status>HTTP/1.1 404 Not Found</d:status></d:response>`;
      return `<d:response><d:href>${esc(href)}</d:href><d:propstat><d:prop><d:getetag>${esc(card.etag)}</d:getetag><card:address-data>${esc(card.text)}</card:address-data></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>`;
    });
    xml(res, 207, `<d:multistatus xmlns:d="DAV:" xmlns:card="urn:ietf:params:xml:ns:carddav">${responses.join('')}</d:multistatus>`);
  }

  function put(req: IncomingMessage, res: ServerResponse, path: string, body: string): void {
    const existing = cards.get(path);
    if (req.headers['if-none-match'] === '*' && existing !== undefined) return void res.writeHead(412).end();
    const ifMatch = req.headers['if-match'];
    if (ifMatch !== undefined && existing?.etag !== ifMatch) return void res.writeHead(412).end();
    const target = existing === undefined && options.assignHref === true ? `${BOOK}server-${++assigned}` : path;
    const etag = store(target, body);
    const headers: Record<string, string> = {};
    if (options.omitPutEtag !== true) headers['ETag'] = etag;
    if (target !== path || options.location !== undefined) headers['Location'] = options.location ?? target;
    res.writeHead(existing === undefined ? 201 : 204, headers).end();
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      const method = req.method ?? 'GET';
      const scripted = options.script?.findIndex((s) => s.method === method) ?? -1;
      if (scripted >= 0) {
        const [step] = options.script?.splice(scripted, 1) ?? [];
        log.push(`${method} ${step?.status ?? 0} (scripted)`);
        setTimeout(() => res.writeHead(step?.status ?? 500, step?.headers ?? {}).end(step?.body ?? ''), step?.delayMs ?? 0);
        return;
      }
      log.push(`${method} ${path}`);
      if (method === 'REPORT' && body.includes('sync-collection') && options.noSyncCollection === true) {
        return xml(res, 403, '<d:error xmlns:d="DAV:"><d:supported-report/></d:error>');
      }
      if (method === 'REPORT' && body.includes('sync-collection')) return syncCollection(res, body);
      if (method === 'PROPFIND') return propfind(req, res);
      if (method === 'REPORT' && body.includes('addressbook-multiget')) return multiget(res, body);
      if (method === 'PUT') return put(req, res, path, body);
      const card = cards.get(path);
      if (method === 'GET')
        return void (card === undefined
          ? res.writeHead(404).end()
          : res.writeHead(200, { ETag: card.etag, 'Content-Type': 'text/vcard' }).end(card.text));
      if (method === 'DELETE') {
        if (card === undefined) return void res.writeHead(404).end();
        if (req.headers['if-match'] !== undefined && req.headers['if-match'] !== card.etag) return void res.writeHead(412).end();
        drop(path);
        return void res.writeHead(204).end();
      }
      res.writeHead(405).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    bookUrl: `${url}${BOOK}`,
    options,
    log,
    put: (name, text) => void store(`${BOOK}${name}`, text),
    remove: (name) => drop(`${BOOK}${name}`),
    cards: () => new Map([...cards].map(([p, c]) => [p, c.text])),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
