import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { jsonCodec } from './codec-json.js';
import { xmlCodec } from './codec-xml.js';
import { startYahooEmulator, type YahooEmulator } from './emulator/index.js';
import { synchronize, type TransportOptions } from './transport.js';

const ADD = { events: [{ type: 'add-category' as const, name: 'Friends' }] };

describe.each([
  ['xml', xmlCodec],
  ['json', jsonCodec],
] as const)('transport (%s)', (_format, codec) => {
  let emu: YahooEmulator;
  let options: TransportOptions;
  beforeEach(async () => {
    emu = await startYahooEmulator();
    options = { baseUrl: emu.url, appid: emu.appid, wssid: emu.wssid, cookie: emu.cookie, codec, fetch: globalThis.fetch };
  });
  afterEach(async () => {
    await emu.close();
  });

  /** A fetch that rewrites the emulator's answer, to play a server this emulator is not. */
  const rewriting =
    (rewrite: (r: Response, text: string) => Response): typeof fetch =>
    async (input, init) => {
      const response = await fetch(input, init);
      return rewrite(response, await response.text());
    };

  it('reads a sync response', async () => {
    const out = await synchronize(options, { myrev: 0, request: ADD });
    expect(out).toMatchObject({ kind: 'response', response: { rev: 1, results: [{ type: 'success' }] } });
  });

  it('treats any 403 as auth-required', async () => {
    emu.control.failNext({ status: 403 });
    expect(await synchronize(options, { myrev: 0 })).toMatchObject({ kind: 'auth-required', code: 'http-403' });
    emu.control.failNext({ status: 403, code: -40103 });
    expect(await synchronize(options, { myrev: 0 })).toMatchObject({ kind: 'auth-required' });
  });

  it('maps the structured auth codes to auth-required', async () => {
    emu.control.setCredentialErrors('structured');
    emu.control.expireCookie();
    expect(await synchronize(options, { myrev: 0 })).toMatchObject({ kind: 'auth-required', code: '-17005' });
  });

  it('fails a 404 without retry and without doubt about commits', async () => {
    expect(await synchronize({ ...options, baseUrl: `${emu.url}/nowhere` }, { myrev: 0, request: ADD })).toMatchObject({
      kind: 'failed',
      code: 'http-404',
      maybeCommitted: false,
    });
  });

  it('fails an empty 500: a write may have been committed, a read not', async () => {
    emu.control.failNext({ status: 500, count: 2 });
    expect(await synchronize(options, { myrev: 0, request: ADD })).toMatchObject({
      kind: 'failed',
      code: 'http-500',
      maybeCommitted: true,
    });
    expect(await synchronize(options, { myrev: 0 })).toMatchObject({ kind: 'failed', code: 'http-500', maybeCommitted: false });
  });

  it('fails a structured 500 without retry-after, with the server user-message and never its debug-message', async () => {
    emu.control.failNext({ status: 500, code: 80040, userMessage: 'Something went wrong.', debugMessage: 'secret internals' });
    const out = await synchronize(options, { myrev: 0, request: ADD });
    expect(out).toEqual({
      kind: 'failed',
      code: '80040',
      userMessage: 'Something went wrong.',
      debugMessage: 'secret internals',
      maybeCommitted: false,
    });
  });

  it('waits as long as the larger of the Retry-After header and the body retry-after', async () => {
    emu.control.failNext({ status: 503, code: -17011, retryAfter: 30, count: 2 });
    expect(await synchronize(options, { myrev: 0 })).toMatchObject({ kind: 'retry-at', retryAfterMs: 30_000 });
    const longerHeader = rewriting(
      (r, text) =>
        new Response(text, { status: r.status, headers: { 'content-type': r.headers.get('content-type') ?? '', 'retry-after': '90' } }),
    );
    expect(await synchronize({ ...options, fetch: longerHeader }, { myrev: 0 })).toMatchObject({ kind: 'retry-at', retryAfterMs: 90_000 });
  });

  it('retries an empty 503 only when it carries Retry-After', async () => {
    emu.control.failNext({ status: 503 });
    expect(await synchronize(options, { myrev: 0, request: ADD })).toMatchObject({
      kind: 'failed',
      code: 'http-503',
      maybeCommitted: false,
    });
    const withHeader = rewriting(() => new Response('', { status: 503, headers: { 'retry-after': '12' } }));
    expect(await synchronize({ ...options, fetch: withHeader }, { myrev: 0 })).toMatchObject({ kind: 'retry-at', retryAfterMs: 12_000 });
  });

  it("measures an HTTP-date Retry-After against the response's Date, not this machine's clock", async () => {
    const dated = rewriting(
      () =>
        new Response('', {
          status: 503,
          headers: { 'retry-after': 'Tue, 01 Jun 2010 12:02:00 GMT', date: 'Tue, 01 Jun 2010 12:00:00 GMT' },
        }),
    );
    expect(await synchronize({ ...options, fetch: dated }, { myrev: 0 })).toMatchObject({ kind: 'retry-at', retryAfterMs: 120_000 });
  });

  it('marks a timeout (-17010) of a write as possibly committed', async () => {
    emu.control.backendTimeout({});
    expect(await synchronize(options, { myrev: 0, request: ADD })).toMatchObject({ kind: 'failed', code: '-17010', maybeCommitted: true });
    expect(emu.control.categories()).toHaveLength(1);
  });

  it('marks a connection dropped after sending as possibly committed', async () => {
    emu.control.loseNextResponse();
    expect(await synchronize(options, { myrev: 0, request: ADD })).toMatchObject({
      kind: 'failed',
      code: 'connection-lost',
      maybeCommitted: true,
    });
    expect(emu.control.categories()).toHaveLength(1);
  });

  it('reports a refused connection as offline: nothing was sent', async () => {
    await emu.close();
    expect(await synchronize(options, { myrev: 0, request: ADD })).toMatchObject({ kind: 'offline' });
    emu = await startYahooEmulator();
  });

  it('accepts text/javascript (the original service) as well as application/json', async () => {
    const old = rewriting(
      (r, text) =>
        new Response(text, {
          status: r.status,
          headers: { 'content-type': codec.format === 'json' ? 'text/javascript; charset=UTF-8' : 'text/xml' },
        }),
    );
    expect(await synchronize({ ...options, fetch: old }, { myrev: 0 })).toMatchObject({ kind: 'response' });
  });

  it('fails a 200 it cannot read (an HTML proxy page, a truncated body) without throwing', async () => {
    const html = rewriting(() => new Response('<html>proxy</html>', { status: 200, headers: { 'content-type': 'text/html' } }));
    expect(await synchronize({ ...options, fetch: html }, { myrev: 0, request: ADD })).toMatchObject({
      kind: 'failed',
      code: 'malformed-response',
      maybeCommitted: true,
    });
    const truncated = rewriting((r, text) => new Response(text.slice(0, text.length - 5), { status: 200, headers: r.headers }));
    expect(await synchronize({ ...options, fetch: truncated }, { myrev: 0 })).toMatchObject({
      kind: 'failed',
      code: 'malformed-response',
      maybeCommitted: false,
    });
  });

  it("reports a call aborted on the engine's timeout (a TimeoutError reason) as aborted, possibly applied", async () => {
    // The engine's timer fires while the request is out: it may have been applied.
    const controller = new AbortController();
    const inFlight: typeof fetch = (url, init) => {
      controller.abort(new DOMException('No answer in time.', 'TimeoutError'));
      return fetch(url, init);
    };
    expect(await synchronize({ ...options, fetch: inFlight }, { myrev: 0, request: ADD, signal: controller.signal })).toMatchObject({
      kind: 'failed',
      code: 'aborted',
      maybeCommitted: true,
    });
  });

  it('reports an aborted call as failed', async () => {
    const controller = new AbortController();
    controller.abort();
    expect(await synchronize(options, { myrev: 0, request: ADD, signal: controller.signal })).toMatchObject({
      kind: 'failed',
      code: 'aborted',
    });
  });

  it('sends credentials as the contract says, under a base URL with a path', async () => {
    const seen: string[] = [];
    const server = createServer((req, res) => {
      seen.push(`${req.method ?? ''} ${req.url ?? ''} ${req.headers.cookie ?? ''} ${req.headers['content-type'] ?? ''}`);
      res.writeHead(200, { 'content-type': codec.format === 'json' ? 'application/json' : 'application/xml' });
      res.end(codec.format === 'json' ? '{"type":"sync_response","rev":3}' : '<sync-response rev="3"/>');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/ab/`;
    try {
      await synchronize({ ...options, baseUrl: base, appid: 'app', wssid: 'w s', cookie: 'Y=v=1&n=1' }, { myrev: 7, request: ADD });
    } finally {
      server.close();
    }
    expect(seen).toEqual([`POST /ab/v1/synchronize?format=${codec.format}&myrev=7&appid=app&WSSID=w+s Y=v=1&n=1 ${codec.contentType}`]);
  });
});
