import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDavHttp, type DavHttp } from './http.js';

/** What `createDavHttp` adds to the kit's transport, over a real loopback socket. */
let server: Server;
let http: DavHttp;
let origin: string;
beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    if (req.url === '/moved') return void res.writeHead(302, { Location: '/elsewhere' }).end();
    if (req.url === '/drop') return void req.socket.destroy();
    if (req.url === '/latin1') return void res.writeHead(200, { 'Content-Type': 'text/vcard' }).end(Buffer.from('FN:Ren\xe9', 'latin1'));
    res.writeHead(200, { 'X-Auth': req.headers.authorization ?? '' }).end('ok');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  http = createDavHttp({ origin, auth: { username: 'ålice', password: 'pw' }, fetch: (u, i) => fetch(u, i), timeoutMs: 5_000 });
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('createDavHttp', () => {
  it('sends UTF-8 Basic credentials and answers with the URL that answered', async () => {
    const answer = await http({ method: 'GET', url: '/card' });
    expect(answer).toMatchObject({ kind: 'response', status: 200, body: 'ok', utf8: true, url: `${origin}/card` });
    expect(answer.kind === 'response' ? answer.headers.get('x-auth') : null).toBe(`Basic ${Buffer.from('ålice:pw').toString('base64')}`);
  });

  it('follows no redirect and refuses another origin before sending', async () => {
    expect(await http({ method: 'GET', url: '/moved' })).toMatchObject({ kind: 'response', status: 302 });
    expect(await http({ method: 'GET', url: 'http://127.0.0.2:1/x' })).toMatchObject({ kind: 'failed', code: 'carddav.foreign-origin' });
  });

  it('counts a dropped PROPFIND or REPORT as uncommitted, a dropped PUT as maybe committed', async () => {
    expect(await http({ method: 'REPORT', url: '/drop', body: 'x' })).toMatchObject({
      kind: 'failed',
      code: 'carddav.connection-lost',
      maybeCommitted: false,
    });
    expect(await http({ method: 'PUT', url: '/drop', body: 'x' })).toMatchObject({ kind: 'failed', maybeCommitted: true });
  });

  it('reads a body that is not UTF-8 only where asked to, and marks it', async () => {
    expect(await http({ method: 'GET', url: '/latin1' })).toMatchObject({
      kind: 'failed',
      code: 'carddav.malformed-response',
      maybeCommitted: false,
    });
    const lenient = await http({ method: 'GET', url: '/latin1', lenient: true });
    expect(lenient).toMatchObject({ kind: 'response', status: 200, body: 'FN:Ren\ufffd', utf8: false });
    expect(lenient.kind === 'response' ? lenient.headers.has('x-contactsync-not-utf8') : true).toBe(false);
  });
});
