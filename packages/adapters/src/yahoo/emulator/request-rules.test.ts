import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RequestEvent } from '../wire.js';
import { call, FORMATS, syncOf, type RawAnswer } from './emulator-test-kit.js';
import { startYahooEmulator, type YahooEmulator } from './server.js';

/**
 * Whole-request failures (docs/yahoo.md §2.1, §2.5) over HTTP in both formats: the empty 403, 404
 * and 500; structured 500 and 503 bodies with `retry-after` and the `Retry-After` header; and,
 * through the control plane, every seed code in both the whole-request and the nested form.
 */
const SEED_CODES = [
  80040, 80030, 80020, 70040, -17005, -17010, -17011, -40006, -40007, -40009, -40012, -40014, -40015, -40020, -40021, -40022, -40031,
  -40032, -40034, -40038, -40039, -40040, -40042, -40043, -40044, -40045, -40046, -40047, -40048, -40049, -40060, -40061, -40062, -40063,
  -40064, -40101, -40102, -40103, -40303, -40304, -40402, -40403, -40404, -40902, -40903, -40904, -50302,
];
const ONE_EVENT: RequestEvent[] = [{ type: 'add-category', name: 'Friends' }];
const CONTENT_TYPE = { xml: /^application\/xml/, json: /^application\/json/ } as const;

describe.each(FORMATS)('whole-request rules (%s)', (format) => {
  let emu: YahooEmulator;
  beforeEach(async () => {
    emu = await startYahooEmulator();
  });
  afterEach(async () => {
    await emu.close();
  });

  const expectEmpty = (answer: RawAnswer, status: number) => {
    expect(answer.status).toBe(status);
    expect(answer.text).toBe('');
  };
  const expectError = (answer: RawAnswer, status: number, code: number, retryAfter?: number, bodyFormat = format) => {
    expect(answer.status).toBe(status);
    expect(answer.headers.get('content-type')).toMatch(CONTENT_TYPE[bodyFormat]);
    expect(answer.decoded?.kind).toBe('error');
    const error = answer.decoded?.kind === 'error' ? answer.decoded.error : null;
    expect(error?.code).toBe(code);
    expect(error?.debugMessage.length).toBeGreaterThan(0);
    expect(error?.retryAfter).toBe(retryAfter);
    expect(answer.headers.get('retry-after')).toBe(status === 503 && retryAfter !== undefined ? String(retryAfter) : null);
  };

  it.each([
    ['a wrong appid', { appid: 'someone-else' }],
    ['a wrong WSSID', { wssid: 'forged' }],
    ['no cookie', { cookie: null }],
    ['a wrong Y cookie', { cookie: 'Y=v=1&n=forged' }],
    ['no appid', { appid: null }],
  ])('403 with no body for %s', async (_what, credentials) => {
    expectEmpty(await call(emu, format, { credentials }), 403);
  });

  it('403 with no body for an expired cookie', async () => {
    emu.control.expireCookie();
    expectEmpty(await call(emu, format), 403);
  });

  it.each(['/v1/nothing', '/v2/synchronize', '/', '/v1/Synchronize'])('404 with no body for %s', async (path) => {
    expectEmpty(await call(emu, format, { path }), 404);
  });

  it('500 with no body when forced', async () => {
    emu.control.failNext({ status: 500 });
    expectEmpty(await call(emu, format), 500);
    expect((await call(emu, format)).status).toBe(200);
  });

  it.each([
    ['-40101: nothing sent', { cookie: null }, -40101],
    ['-40102: the signature (appid, WSSID) does not validate', { wssid: 'forged' }, -40102],
    ['-40103: the cookie does not validate', { cookie: 'Y=forged' }, -40103],
  ])('with structured credential errors, %s', async (_what, credentials, code) => {
    emu.control.setCredentialErrors('structured');
    expectError(await call(emu, format, { credentials }), 500, code);
  });

  it('with structured credential errors, -17005 for an expired cookie', async () => {
    emu.control.setCredentialErrors('structured');
    emu.control.expireCookie();
    expectError(await call(emu, format), 500, -17005);
  });

  it('-50302: a locked user, 503 with retry-after 600 in the body and the header', async () => {
    emu.control.setLocked(true);
    const answer = await call(emu, format, { body: ONE_EVENT });
    expectError(answer, 503, -50302, 600);
    expect(answer.decoded?.kind === 'error' && answer.decoded.error.userMessage).toContain('10 minutes');
    expect(emu.control.categories()).toEqual([]);
  });

  it('-17011: server down, 503 with retry-after only when the switch says so', async () => {
    emu.control.serverDown();
    expectError(await call(emu, format), 503, -17011);
    emu.control.serverDown({ retryAfter: 45 });
    expectError(await call(emu, format), 503, -17011, 45);
    emu.control.serverUp();
    expect((await call(emu, format)).status).toBe(200);
  });

  it('-17010: timeout, 503; the write may have been committed', async () => {
    emu.control.backendTimeout({});
    expectError(await call(emu, format, { body: ONE_EVENT }), 503, -17010);
    expect(emu.control.categories().map((c) => c.name)).toEqual(['Friends']);
    emu.control.backendTimeout({ retryAfter: 20, commit: false });
    expectError(await call(emu, format, { body: [{ type: 'add-category', name: 'Family' }] }), 503, -17010, 20);
    expect(emu.control.categories().map((c) => c.name)).toEqual(['Friends']);
  });

  it('-40303: an application that may only read, for a POST that writes (reads still work)', async () => {
    emu.control.setReadOnlyApp(true);
    expectError(await call(emu, format, { body: ONE_EVENT }), 500, -40303);
    expect((await call(emu, format)).status).toBe(200);
  });

  it('-40304: writes not supported in this instance', async () => {
    emu.control.setWritesDisabled(true);
    expectError(await call(emu, format, { body: ONE_EVENT }), 500, -40304);
  });

  it('80020: a body that is not well-formed', async () => {
    expectError(
      await call(emu, format, { body: { xml: '<sync-request><add-category>x</sync-request>', json: '{"type":"sync_request","events":[' } }),
      500,
      80020,
    );
  });

  it('80020: a DOCTYPE with an internal subset is refused, never expanded', async () => {
    const xml =
      '<?xml version="1.0"?><!DOCTYPE sync-request [<!ENTITY boom "Family">]><sync-request><add-category>&boom;</add-category></sync-request>';
    const answer = await call(emu, format, {
      body: { xml, json: '{"type":"sync_request","events":[{"type":"add_category","data":"Friends"}],' },
    });
    expectError(answer, 500, 80020);
    expect(emu.control.categories()).toEqual([]);
  });

  it('80020 (seed code 70040): a body that is not UTF-8, reported as 80020', async () => {
    const bad = new Uint8Array([0x3c, 0x73, 0xff, 0xfe, 0x3e]);
    const answer = await call(emu, format, { body: { xml: bad, json: bad } });
    expectError(answer, 500, 80020);
    expect(answer.decoded?.kind === 'error' && answer.decoded.error.debugMessage).toContain('70040');
  });

  it.each([
    ['an unknown format (answered in XML, the default)', { query: { format: 'yaml' } }, 'xml'],
    ['a myrev that is not a number', { query: { myrev: 'abc' } }, format],
    ['a method the call does not support', { method: 'PUT' as const }, format],
    ['a body that is not a sync request', { body: { xml: '<hello/>', json: '{"type":"hello"}' } }, format],
    ['a GET of addContacts', { path: '/v1/addContacts' }, format],
  ] as const)('80040: %s', async (_what, c, bodyFormat) => {
    expectError(await call(emu, format, c), 500, 80040, undefined, bodyFormat);
  });

  it.each([
    [80030, 'an empty field set', { fields: '' }],
    [-40006, 'contact criteria that are not ids', { cid: '1,x' }],
    [-40007, 'a field type that does not exist', { fields: 'name,hobby' }],
  ])('%i: searchContacts with %s', async (code, _what, query) => {
    expectError(await call(emu, format, { path: '/v1/searchContacts', query }), 500, code);
  });

  it.each(SEED_CODES)('%i forced as a whole-request failure: 500 with a body, and 503 with retry-after', async (code) => {
    emu.control.failNext({ status: 500, code });
    expectError(await call(emu, format, { body: ONE_EVENT }), 500, code);
    emu.control.failNext({ status: 503, code, retryAfter: 42 });
    expectError(await call(emu, format, { body: ONE_EVENT }), 503, code, 42);
    expect(emu.control.categories()).toEqual([]);
    expect(emu.control.log().map((entry) => entry.code)).toEqual([code, code]);
  });

  it.each(SEED_CODES)('%i forced as a nested failure: the event fails, the next one applies', async (code) => {
    emu.control.failNextEvents({ code, eventType: 'add-category', retryAfter: 5 });
    const response = syncOf(
      await call(emu, format, {
        body: [
          { type: 'add-category', name: 'Failed' },
          { type: 'add-category', name: 'Applied' },
        ],
      }),
    );
    expect(response.results[0]).toMatchObject({ type: 'error', code, retryAfter: 5 });
    expect(response.results[1]).toMatchObject({ type: 'success' });
    expect(emu.control.categories().map((c) => c.name)).toEqual(['Applied']);
    expect(emu.control.log()[0]?.nestedCodes).toEqual([code]);
  });
});
