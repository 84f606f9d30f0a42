import { createSyncEngine, toDraft, type SyncReport } from '@contactsync/core';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { graphBackend } from '../microsoft-graph/graph-backend.js';
import { hostileBodies } from './hostile-bodies.js';
import { dumpDatabase, durableState } from './replica-dump.js';

/** A sync that must end by itself: a decoder that hangs fails the test instead of the suite. */
async function bounded(sync: Promise<SyncReport>): Promise<SyncReport> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('sync did not finish within 90 s')), 90_000);
  });
  try {
    return await Promise.race([sync, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

const contact = (id: string, extra = ''): string => `{"@odata.etag":"W/\\"e${id}\\"","id":"${id}","givenName":"G${id}"${extra}}`;
const page = (items: string, link = '"@odata.deltaLink":"DELTA"'): string => `{"value":[${items}],${link}}`;

/** Graph-specific answers on top of the shared hostile bodies: each must be a typed failure too. */
function graphHostile(origin: string): { readonly name: string; readonly body: string }[] {
  const delta = `"@odata.deltaLink":"${origin}/v1.0/me/contacts/delta?$deltatoken=x"`;
  return [
    { name: 'prototype keys', body: `{"value":[{"id":"p","__proto__":{"polluted":true},"givenName":"P"}],${delta}}` },
    { name: 'escaped prototype key', body: `{"value":[{"id":"p","\\u005f_proto__":{"polluted":true}}],${delta}}` },
    { name: 'oversized page', body: page(Array.from({ length: 1_000 }, (_, i) => contact(`c${i}`)).join(','), delta) },
    { name: 'value is not a list', body: `{"value":{"length":3},${delta}}` },
    { name: 'id is a number', body: page('{"id":7,"givenName":"N"}', delta) },
    { name: 'empty id', body: page(contact(''), delta) },
    { name: 'neither link', body: '{"value":[]}' },
    { name: 'both links', body: `{"value":[],${delta},"@odata.nextLink":"${origin}/v1.0/x"}` },
    { name: 'removal without an id', body: page('{"@removed":{"reason":"deleted"}}', delta) },
    { name: 'emailAddresses is a string', body: page(contact('e', ',"emailAddresses":"ada@example.org"'), delta) },
    { name: 'address part is a number', body: page(contact('a', ',"homeAddress":{"city":12}'), delta) },
    {
      name: 'nextLink on another origin',
      body: page('', '"@odata.nextLink":"https://evil.example/v1.0/me/contacts/delta?$skiptoken=steal"'),
    },
    {
      name: 'deltaLink on another origin',
      body: page(contact('d'), '"@odata.deltaLink":"http://127.0.0.2:1/v1.0/me/contacts/delta?$deltatoken=steal"'),
    },
    { name: 'a link that is not a URL', body: page('', '"@odata.nextLink":"::not a url::"') },
  ];
}

describe('hostile server answers: Microsoft Graph', () => {
  it('each comes back as a typed failure; replica, outbox and cursor stay exactly as they were; no token leaves the origin', async () => {
    const backend = await graphBackend();
    const idb = new IDBFactory();
    let forged: string | Uint8Array | null = null;
    let valid = '';
    const requested: string[] = [];
    const authorizations: string[] = [];
    // The real request still reaches the server; only the body the adapter reads is replaced.
    const fetchFor: typeof fetch = async (input, init) => {
      const url = input instanceof Request ? input.url : input.toString();
      requested.push(url);
      authorizations.push(new Headers(init?.headers).get('authorization') ?? '');
      const response = await fetch(input, init);
      if ((init?.method ?? 'GET') !== 'GET') return response;
      const text = await response.text();
      if (forged === null) {
        if (response.status === 200) valid = text;
        return new Response(response.status === 204 ? null : text, { status: response.status, headers: response.headers });
      }
      return new Response(forged as BodyInit, { status: 200, headers: response.headers });
    };
    const engine = await createSyncEngine({
      databaseName: 'hostile-graph',
      service: backend.service(fetchFor),
      indexedDB: idb,
      IDBKeyRange,
      now: () => backend.now(),
    });
    const ids = [1, 2, 3].map((i) => backend.remote.create(toDraft({ name: { given: `Seed${i}`, family: 'Model' } })));
    expect((await engine.sync()).outcome).toBe('ok');
    await engine.contacts.create(toDraft({ name: { given: 'Pending', family: 'Model' } }));
    backend.remote.update(ids[0] as string, { notes: 'changed on the server' });
    const before = durableState(await dumpDatabase('hostile-graph', idb));
    const origin = new URL(requested[0] ?? '').origin;

    for (const hostile of [...hostileBodies('json', valid), ...graphHostile(origin)]) {
      forged = hostile.body;
      const report = await bounded(engine.sync());
      expect(['failed', 'waiting'], hostile.name).toContain(report.outcome);
      expect(report.error?.code, hostile.name).toMatch(/^graph\./);
      expect(report.error?.userMessage, hostile.name).not.toMatch(/<|\{|at .*\(|Error:|proto|steal/);
      expect(durableState(await dumpDatabase('hostile-graph', idb)), hostile.name).toEqual(before);
      expect(({} as Record<string, unknown>).polluted, hostile.name).toBeUndefined();
      backend.advance(3_600_000);
    }
    expect(requested.every((url) => new URL(url).origin === origin)).toBe(true);
    expect(authorizations.every((a) => a === `Bearer ${backend.secrets[0]}`)).toBe(true);

    forged = null;
    const recovered = await engine.sync();
    expect(recovered).toMatchObject({ outcome: 'ok', pending: 0 });
    expect((await engine.contacts.list()).find((c) => c.name.given === 'Seed1')?.notes).toBe('changed on the server');
    expect(backend.remote.list().filter((e) => e.contact.name.given === 'Pending')).toHaveLength(1);
    await engine.close();
    await backend.close();
  }, 300_000);

  it('a malformed $batch answer to a create: the create is looked up, never duplicated', async () => {
    const backend = await graphBackend();
    const idb = new IDBFactory();
    const bodies = [
      '{"responses":[{"id":"1","status":"201"}]}',
      '{"responses":[{"id":"9","status":201,"body":{}}]}',
      '{"responses":[]}',
      'not json',
      '{"responses":[{"id":"1","status":201,"body":{"id":5}}]}',
      '{"responses":[{"id":"1","status":201},{"id":"1","status":201}]}',
    ];
    let forged: string | null = null;
    const fetchFor: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (forged === null || !(input instanceof Request ? input.url : input.toString()).endsWith('/$batch')) return response;
      const body = forged;
      forged = null;
      return new Response(body, { status: 200, headers: response.headers });
    };
    const engine = await createSyncEngine({
      databaseName: 'hostile-batch',
      service: backend.service(fetchFor),
      indexedDB: idb,
      IDBKeyRange,
      now: () => backend.now(),
    });
    await engine.sync();
    for (const [i, body] of bodies.entries()) {
      await engine.contacts.create(toDraft({ name: { given: `Once${i}`, family: 'Only' } }));
      forged = body;
      const report = await bounded(engine.sync());
      expect(forged, body).toBeNull();
      expect(report.error?.userMessage ?? '', body).not.toMatch(/\{|status|responses/);
      backend.advance(3_600_000);
      expect(await engine.sync(), body).toMatchObject({ outcome: 'ok', pending: 0 });
    }
    expect(
      backend.remote
        .list()
        .map((e) => e.contact.name.given)
        .sort(),
    ).toEqual(bodies.map((_, i) => `Once${i}`).sort());
    expect(await engine.contacts.list()).toHaveLength(bodies.length);
    await engine.close();
    await backend.close();
  }, 120_000);
});
