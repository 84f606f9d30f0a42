import { toDraft } from '@contactsync/core';
import { afterEach, describe, expect, it } from 'vitest';
import { startGraphEmulator } from '../../microsoft-graph/emulator/server.js';
import { startWindowsLiveEmulator } from '../../windows-live/emulator/server.js';
import { startYahooEmulator } from '../../yahoo/emulator/server.js';

/**
 * One suite, every emulator: the common control names over HTTP (`/_control/`) do the same thing
 * on each, so tests and the demo console need no glue per service.
 */

const CLOCK = Date.UTC(2010, 5, 1, 12, 0, 0);

interface Subject {
  readonly url: string;
  /** The service's error code a forced failure may carry (Yahoo's structured error, Graph's OData code); Windows Live has none. */
  readonly code?: number | string;
  /** One ordinary read request of the service's API. */
  read(): Promise<Response>;
  /** One write request of the service's API that creates a contact. */
  write(): Promise<Response>;
  contacts(): number;
  close(): Promise<void>;
}

const EMULATORS: readonly [string, () => Promise<Subject>][] = [
  [
    'Windows Live',
    async () => {
      const e = await startWindowsLiveEmulator({ clock: () => CLOCK, quotas: { callsPerSecond: null } });
      const root = `${e.url}/users/@L@${e.lid}/rest/LiveContacts`;
      const auth = { Authorization: `DelegatedToken dt="${e.token}"` };
      return {
        url: e.url,
        read: () => fetch(root, { headers: auth }),
        write: () =>
          fetch(`${root}/Contacts`, {
            method: 'POST',
            headers: auth,
            body: '<Contact><Profiles><Personal><FirstName>W</FirstName></Personal></Profiles></Contact>',
          }),
        contacts: () => e.control.list().length,
        close: () => e.close(),
      };
    },
  ],
  [
    'Yahoo',
    async () => {
      const e = await startYahooEmulator({ clock: () => CLOCK });
      const url = (myrev: number) => `${e.url}/v1/synchronize?format=xml&myrev=${myrev}&appid=${e.appid}&WSSID=${e.wssid}`;
      return {
        url: e.url,
        code: -50302,
        read: () => fetch(url(0), { headers: { cookie: e.cookie } }),
        write: () =>
          fetch(url(0), {
            method: 'POST',
            headers: { cookie: e.cookie, 'content-type': 'application/xml' },
            body: '<sync-request><add-contact><add-name><first>Y</first></add-name></add-contact></sync-request>',
          }),
        contacts: () => e.control.listContacts().length,
        close: () => e.close(),
      };
    },
  ],
  [
    'Microsoft Graph',
    async () => {
      const e = await startGraphEmulator({ clock: () => CLOCK, token: 'tok' });
      const auth = { Authorization: 'Bearer tok' };
      return {
        url: e.origin,
        code: 'ServiceUnavailable',
        read: () => fetch(`${e.url}/me/contacts`, { headers: auth }),
        write: () =>
          fetch(`${e.url}/me/contacts`, {
            method: 'POST',
            headers: { ...auth, 'Content-Type': 'application/json' },
            body: JSON.stringify({ givenName: 'G' }),
          }),
        contacts: () => e.control.list().length,
        close: () => e.close(),
      };
    },
  ],
];

describe.each(EMULATORS)('the common control plane (%s)', (_name, start) => {
  let subject: Subject | undefined;
  afterEach(async () => {
    await subject?.close();
    subject = undefined;
  });
  const control = async (s: Subject, method: string, route: string, body?: unknown) => {
    const r = await fetch(`${s.url}/_control/${route}`, { method, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    const text = await r.text();
    return { status: r.status, json: text === '' ? undefined : (JSON.parse(text) as unknown) };
  };

  it('seeds, resets, locks, fails the next request, loses the next response, and logs', async () => {
    const s = (subject = await start());
    expect(
      ((await control(s, 'POST', 'seed', { contacts: [toDraft({ name: { given: 'A' } })], count: undefined })).json as { ids: string[] })
        .ids,
    ).toHaveLength(1);
    expect(s.contacts()).toBe(1);
    await control(s, 'POST', 'reset');
    expect(s.contacts()).toBe(0);

    await control(s, 'POST', 'lock', { locked: true });
    expect((await s.read()).status).not.toBe(200);
    await control(s, 'POST', 'lock', { locked: false });
    expect((await s.read()).status).toBe(200);

    // With a `code`, Yahoo answers its structured error (its empty 503 carries no Retry-After).
    await control(s, 'POST', 'fail-next', { status: 503, retryAfter: 9, ...(s.code === undefined ? {} : { code: s.code }) });
    const failed = await s.read();
    expect([failed.status, failed.headers.get('retry-after')]).toEqual([503, '9']);

    await control(s, 'POST', 'lose-next-response', { match: { method: 'POST' } });
    await expect(s.write()).rejects.toThrow();
    expect(s.contacts()).toBe(1); // committed, answer lost

    const log = (await control(s, 'GET', 'log')).json as { method: string; status: number; dropped: boolean }[];
    expect(log.map((e) => [e.method, e.dropped])).toEqual([
      ['GET', false],
      ['GET', false],
      ['GET', false],
      ['POST', true],
    ]);
    await control(s, 'POST', 'clear-log');
    expect((await control(s, 'GET', 'log')).json).toEqual([]);
  });

  it('moves the clock, sets latency, clears faults, and answers bad input with 400 and unknown routes with 404', async () => {
    const s = (subject = await start());
    const { now } = (await control(s, 'GET', 'clock')).json as { now: number };
    expect((await control(s, 'POST', 'clock', { advanceMs: 1000 })).json).toEqual({ now: now + 1000 });
    expect((await control(s, 'POST', 'clock', { now: 5_000_000 })).json).toEqual({ now: 5_000_000 });
    expect((await control(s, 'POST', 'latency', { ms: 0 })).status).toBe(200);
    await control(s, 'POST', 'fail-next', { status: 500, count: 5 });
    await control(s, 'POST', 'clear-faults');
    expect((await s.read()).status).toBe(200);
    expect((await control(s, 'POST', 'latency', { ms: 'slow' })).status).toBe(400);
    expect((await fetch(`${s.url}/_control/seed`, { method: 'POST', body: '{not json' })).status).toBe(400);
    expect((await control(s, 'POST', 'no-such-route')).status).toBe(404);
  });
});
