import { afterEach, describe, expect, it, vi } from 'vitest';
import { createExchange, resolveUrl, type FetchLike } from './exchange.js';

const ROOT = 'https://graph.example/v1.0';

function exchangeWith(fetch: FetchLike, tokens: (refresh: boolean) => string = (r) => (r ? 'fresh' : 'stale'), timeoutMs = 1_000) {
  const calls: { refresh: boolean }[] = [];
  const exchange = createExchange({
    root: ROOT,
    getAccessToken: ({ refresh }) => {
      calls.push({ refresh });
      return tokens(refresh);
    },
    fetch,
    timeoutMs,
    maxConcurrent: 4,
    maxBodyBytes: 1_000,
  });
  return { exchange, calls };
}

/** A fetch that never answers but gives up when its signal aborts, as fetch does. */
const hanging: FetchLike = (_url, init) =>
  new Promise((_resolve, reject) => init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));

afterEach(() => {
  vi.useRealTimers();
});

describe('exchange', () => {
  it('sends a bearer token per request; after a 401 asks once for a fresh one, and a second 401 stands', async () => {
    const seen: string[] = [];
    const { exchange, calls } = exchangeWith(async (_url, init) => {
      seen.push(new Headers(init.headers).get('authorization') ?? '');
      return new Response('{}', { status: 401 });
    });
    const response = await exchange({ method: 'GET', url: '/me/contacts' });
    expect(response).toMatchObject({ kind: 'response', status: 401 });
    expect(seen).toEqual(['Bearer stale', 'Bearer fresh']);
    expect(calls).toEqual([{ refresh: false }, { refresh: true }]);
  });

  it('a token provider that throws is auth-required, and nothing is sent', async () => {
    const fetch = vi.fn<FetchLike>();
    const exchange = createExchange({
      root: ROOT,
      getAccessToken: () => Promise.reject(new Error('no session')),
      fetch,
      timeoutMs: 1_000,
      maxConcurrent: 4,
      maxBodyBytes: 1_000,
    });
    expect(await exchange({ method: 'GET', url: '/me/contacts' })).toMatchObject({ kind: 'auth-required' });
    expect(fetch).not.toHaveBeenCalled();
  });

  it('never sends a link on another origin (nor the token with it)', async () => {
    const fetch = vi.fn<FetchLike>();
    const { exchange } = exchangeWith(fetch);
    expect(await exchange({ method: 'GET', url: 'https://evil.example/v1.0/me/contacts' })).toMatchObject({
      kind: 'failed',
      code: 'graph.foreign-link',
    });
    expect(fetch).not.toHaveBeenCalled();
    expect(resolveUrl(ROOT, 'https://graph.example/v1.0/me/contacts/delta?$skiptoken=1')).toBe(
      'https://graph.example/v1.0/me/contacts/delta?$skiptoken=1',
    );
    expect(resolveUrl(ROOT, 'http://graph.example/v1.0/x')).toBeNull();
  });

  it('times out a request that does not answer: a write may have committed, a read did not', async () => {
    vi.useFakeTimers();
    const { exchange } = exchangeWith(hanging, undefined, 5_000);
    const read = exchange({ method: 'GET', url: '/me/contacts' });
    const write = exchange({ method: 'POST', url: '/$batch', body: {} });
    await vi.advanceTimersByTimeAsync(5_000);
    expect(await read).toMatchObject({ kind: 'failed', code: 'graph.timeout', maybeCommitted: false });
    expect(await write).toMatchObject({ kind: 'failed', code: 'graph.timeout', maybeCommitted: true });
  });

  it('honours the caller’s AbortSignal: before sending nothing committed, after sending a write may have', async () => {
    const early = new AbortController();
    early.abort();
    const fetch = vi.fn<FetchLike>();
    expect(await exchangeWith(fetch).exchange({ method: 'PATCH', url: '/me/contacts/1', body: {}, signal: early.signal })).toMatchObject({
      kind: 'failed',
      code: 'graph.aborted',
      maybeCommitted: false,
    });
    expect(fetch).not.toHaveBeenCalled();

    const late = new AbortController();
    let sent = false;
    const { exchange } = exchangeWith((url, init) => {
      sent = true;
      return hanging(url, init);
    });
    const pending = exchange({ method: 'PATCH', url: '/me/contacts/1', body: {}, signal: late.signal });
    await vi.waitFor(() => expect(sent).toBe(true));
    late.abort();
    expect(await pending).toMatchObject({ kind: 'failed', code: 'graph.aborted', maybeCommitted: true });
  });

  it('a refused connection is offline; a body over the limit is malformed', async () => {
    const refused = exchangeWith(() => Promise.reject(new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } })));
    expect(await refused.exchange({ method: 'GET', url: '/me/contacts' })).toMatchObject({ kind: 'offline' });
    const big = exchangeWith(async () => new Response('x'.repeat(5_000)));
    expect(await big.exchange({ method: 'GET', url: '/me/contacts' })).toMatchObject({ kind: 'failed', code: 'graph.malformed-response' });
  });

  it('keeps at most four requests in flight', async () => {
    let inFlight = 0;
    let most = 0;
    const { exchange } = exchangeWith(async () => {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 1));
      inFlight--;
      return new Response('{}');
    });
    await Promise.all(Array.from({ length: 12 }, () => exchange({ method: 'GET', url: '/me/contacts' })));
    expect(most).toBe(4);
  });
});
