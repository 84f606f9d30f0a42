import { carddav, createCardDavRelay } from '@contactsync/adapters';
import { toDraft } from '@contactsync/core';
import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RemoteClient } from './remote-book.js';
import { startRadicale, type CardDavServer } from './servers.js';

/** The browser relay: mounted on a plain Node server, in front of real Radicale and of a recorder. */
async function listen(handler: Parameters<typeof createServer>[1]): Promise<{ server: Server; url: string }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}
const close = (server: Server): Promise<void> => {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
};

/** A raw HTTP request (fetch cannot send absolute-form targets or odd methods). */
function raw(
  url: string,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string,
): Promise<{ status: number; headers: IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const { hostname, port } = new URL(url);
    const req = request({ host: hostname, port, method, path, headers }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('CardDAV relay', () => {
  let radicale: CardDavServer;
  let front: { server: Server; url: string };
  const logged: string[] = [];
  beforeAll(async () => {
    radicale = await startRadicale();
    const relay = createCardDavRelay({
      target: radicale.url,
      basePath: '/alice/',
      maxRequestBytes: 64 * 1024,
      log: (e) => logged.push(JSON.stringify(e)),
    });
    front = await listen((req, res) => {
      if (!relay(req, res)) res.writeHead(404).end('app route');
    });
  });
  afterAll(async () => {
    await close(front.server);
    await radicale.close();
  });

  it('lets the adapter sync through it, path for path, and logs no credentials', async () => {
    const bookUrl = (await new RemoteClient(radicale).makeBook()).replace(radicale.url, front.url);
    const service = carddav({ bookUrl, auth: { username: radicale.username, password: radicale.password } });
    const pushed = await service.push({
      operations: [{ kind: 'create', opId: 'relayed', contact: toDraft({ name: { given: 'Rel' } }) }],
      cursor: null,
    });
    expect(pushed).toMatchObject({ kind: 'results', results: [{ kind: 'ok' }] });
    const pulled = await service.pull({ cursor: null, consistency: 'delta' });
    expect(pulled).toMatchObject({
      kind: 'page',
      mode: 'snapshot',
      changes: [{ kind: 'upsert', record: { contact: { name: { given: 'Rel' } } } }],
    });
    expect(logged.join('\n')).not.toContain(radicale.password);
    expect(logged.join('\n')).not.toMatch(/authorization|Basic /i);
  });

  it('refuses methods that are not DAV, other paths, absolute targets and big bodies', async () => {
    expect((await raw(front.url, 'POST', '/alice/x')).status).toBe(405);
    expect((await raw(front.url, 'PATCH', '/alice/x')).status).toBe(405);
    expect((await raw(front.url, 'GET', '/admin')).body).toBe('app route');
    expect((await raw(front.url, 'GET', 'http://169.254.169.254/alice/')).body).toBe('app route');
    expect((await raw(front.url, 'GET', '//evil.example/alice/')).body).toBe('app route');
    const big = await raw(front.url, 'PUT', '/alice/big/x.vcf', { 'Content-Type': 'text/vcard' }, 'x'.repeat(70 * 1024));
    expect(big.status).toBe(413);
  });
});

describe('CardDAV relay headers', () => {
  let recorder: { server: Server; url: string };
  let front: { server: Server; url: string };
  let seen: IncomingHttpHeaders = {};
  afterEach(async () => {
    await close(front.server);
    await close(recorder.server);
  });

  it('forwards only DAV headers, drops cookies and WWW-Authenticate, and keeps Locations on the relay', async () => {
    recorder = await listen((req, res) => {
      seen = req.headers;
      res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="x"', Location: 'http://elsewhere.example/a', 'Set-Cookie': 's=1' }).end();
    });
    const relay = createCardDavRelay({ target: recorder.url, basePath: '/dav' });
    front = await listen((req, res) => void relay(req, res));
    const answer = await raw(front.url, 'PROPFIND', '/dav/', {
      Authorization: 'Basic eDp5',
      Cookie: 'session=secret',
      Depth: '0',
      'X-Forwarded-For': '1.2.3.4',
    });
    expect(answer.status).toBe(401);
    expect(answer.headers['www-authenticate']).toBeUndefined();
    expect(answer.headers['set-cookie']).toBeUndefined();
    expect(answer.headers['location']).toBeUndefined();
    expect(seen).toMatchObject({ authorization: 'Basic eDp5', depth: '0' });
    expect(seen['cookie']).toBeUndefined();
    expect(seen['x-forwarded-for']).toBeUndefined();
  });
});
