import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createTransport, DEFAULT_TIMEOUT_MS, type ExchangeRecord, type FailureVocabulary, type TransportTimers } from './transport.js';

const vocabulary: FailureVocabulary = {
  codes: { aborted: 't.aborted', timeout: 't.timeout', connectionLost: 't.connection-lost', malformedResponse: 't.malformed' },
  userMessages: {
    aborted: 'Stopped.',
    timeout: 'No answer in time.',
    connectionLost: 'Connection lost.',
    malformedResponse: 'Unreadable.',
  },
};

/** Timers that fire only when the test says so. */
class FakeTimers implements TransportTimers {
  readonly pending = new Map<number, { callback: () => void; ms: number }>();
  private next = 1;
  setTimeout(callback: () => void, ms: number): unknown {
    const id = this.next++;
    this.pending.set(id, { callback, ms });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.pending.delete(handle as number);
  }
  fireAll(): void {
    for (const [id, t] of [...this.pending]) {
      this.pending.delete(id);
      t.callback();
    }
  }
}

let server: Server | undefined;
let received: IncomingMessage[] = [];
/** A loopback server; `handler` undefined means it reads the request and never answers. */
async function serve(handler?: (req: IncomingMessage, res: ServerResponse, body: string) => void): Promise<string> {
  received = [];
  server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      received.push(req);
      onReceived?.();
      handler?.(req, res, body);
    });
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
let onReceived: (() => void) | undefined;
/** Resolves once the server has read a whole request. */
const nextRequest = (): Promise<void> => new Promise((resolve) => (onReceived = resolve));

afterEach(async () => {
  onReceived = undefined;
  const s = server;
  server = undefined;
  if (s !== undefined) {
    s.closeAllConnections();
    await new Promise<void>((resolve) => s.close(() => resolve()));
  }
});

describe('createTransport', () => {
  it('sends method, headers and body, reads the answer as text, and reports the exchange without secrets', async () => {
    const base = await serve((req, res, body) => {
      res.writeHead(201, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Echo': req.headers['x-token'] ?? '' });
      res.end(`${req.method ?? ''} ${req.url ?? ''} ${body} é`);
    });
    const exchanges: ExchangeRecord[] = [];
    let clock = 1_000;
    const send = createTransport({
      vocabulary,
      onExchange: (e) => exchanges.push(e),
      secretQueryParams: ['WSSID'],
      now: () => (clock += 7),
    });
    const out = await send({ method: 'POST', url: `${base}/a?WSSID=s3cret&x=1`, headers: { 'X-Token': 'tok' }, body: '<a/>' });
    expect(out).toMatchObject({ kind: 'response', status: 201, body: 'POST /a?WSSID=s3cret&x=1 <a/> é' });
    expect(out.kind === 'response' && out.headers.get('X-Echo')).toBe('tok');
    expect(exchanges).toEqual([{ method: 'POST', url: `${base}/a?WSSID=redacted&x=1`, status: 201, problem: null, durationMs: 7 }]);
  });

  it('uses the injected fetch', async () => {
    const calls: string[] = [];
    const send = createTransport({
      vocabulary,
      fetch: (url, init) => {
        calls.push(`${init.method ?? ''} ${url}`);
        return Promise.resolve(new Response('ok', { status: 200 }));
      },
    });
    expect(await send({ method: 'GET', url: 'http://nowhere.invalid/x' })).toMatchObject({ kind: 'response', status: 200, body: 'ok' });
    expect(calls).toEqual(['GET http://nowhere.invalid/x']);
  });

  it('times out a server that never answers: a write may have been committed, a read not', async () => {
    const base = await serve();
    const timers = new FakeTimers();
    const exchanges: ExchangeRecord[] = [];
    const send = createTransport({ vocabulary, timers, onExchange: (e) => exchanges.push(e) });
    for (const [method, maybeCommitted] of [
      ['POST', true],
      ['GET', false],
    ] as const) {
      const arrived = nextRequest();
      const pending = send({ method, url: `${base}/slow`, ...(method === 'POST' ? { body: 'x' } : {}) });
      await arrived;
      expect([...timers.pending.values()].map((t) => t.ms)).toEqual([DEFAULT_TIMEOUT_MS]);
      timers.fireAll();
      expect(await pending).toMatchObject({ kind: 'failed', code: 't.timeout', userMessage: 'No answer in time.', maybeCommitted });
    }
    expect(exchanges.map((e) => [e.method, e.status, e.problem])).toEqual([
      ['POST', null, 'timeout'],
      ['GET', null, 'timeout'],
    ]);
    expect(timers.pending.size).toBe(0);
  });

  it('honours the timeout option and clears its timer once the answer is read', async () => {
    const base = await serve((_req, res) => res.end('done'));
    const timers = new FakeTimers();
    const scheduled: number[] = [];
    const send = createTransport({
      vocabulary,
      timeoutMs: 1_234,
      timers: { setTimeout: (cb, ms) => (scheduled.push(ms), timers.setTimeout(cb, ms)), clearTimeout: (h) => timers.clearTimeout(h) },
    });
    expect(await send({ method: 'GET', url: base })).toMatchObject({ kind: 'response', body: 'done' });
    expect(scheduled).toEqual([1_234]);
    expect(timers.pending.size).toBe(0);
  });

  it("honours the caller's signal: aborted in flight may have committed a write, aborted before sending did not", async () => {
    const base = await serve();
    const send = createTransport({ vocabulary, timers: new FakeTimers() });
    const controller = new AbortController();
    const arrived = nextRequest();
    const pending = send({ method: 'PUT', url: `${base}/x`, body: 'b', signal: controller.signal });
    await arrived;
    controller.abort();
    expect(await pending).toMatchObject({ kind: 'failed', code: 't.aborted', maybeCommitted: true });

    const count = received.length;
    expect(await send({ method: 'PUT', url: `${base}/x`, body: 'b', signal: controller.signal })).toMatchObject({
      kind: 'failed',
      code: 't.aborted',
      maybeCommitted: false,
    });
    expect(received.length).toBe(count);
  });

  it('classifies a connection reset after sending as possibly committed, and a refused connection as offline', async () => {
    const base = await serve((req) => req.socket.destroy());
    const send = createTransport({ vocabulary });
    expect(await send({ method: 'POST', url: base, body: 'x', label: 'POST Contacts' })).toMatchObject({
      kind: 'failed',
      code: 't.connection-lost',
      maybeCommitted: true,
      debugMessage: expect.stringMatching(/^POST Contacts: /) as unknown,
    });
    const s = server;
    server = undefined;
    s?.closeAllConnections();
    await new Promise<void>((resolve) => s?.close(() => resolve()));
    expect(await send({ method: 'POST', url: base, body: 'x', label: 'POST Contacts' })).toEqual({
      kind: 'offline',
      debugMessage: 'POST Contacts: ECONNREFUSED',
    });
  });

  it('refuses a body that is not UTF-8 instead of replacing bytes', async () => {
    const base = await serve((_req, res) => res.end(Buffer.from([0x3c, 0x61, 0xff, 0x3e])));
    const exchanges: ExchangeRecord[] = [];
    const send = createTransport({ vocabulary, onExchange: (e) => exchanges.push(e) });
    expect(await send({ method: 'GET', url: base })).toMatchObject({ kind: 'failed', code: 't.malformed', maybeCommitted: false });
    expect(await send({ method: 'DELETE', url: base })).toMatchObject({ kind: 'failed', code: 't.malformed', maybeCommitted: true });
    expect(exchanges.map((e) => [e.status, e.problem])).toEqual([
      [200, 'malformed-body'],
      [200, 'malformed-body'],
    ]);
  });
});
