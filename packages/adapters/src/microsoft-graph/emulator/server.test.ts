import { toDraft } from '@contactsync/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startGraphEmulator } from './server.js';
import type { GraphEmulator } from './types.js';

let emu: GraphEmulator;
const time = Date.UTC(2026, 0, 5, 9, 0, 0);
beforeEach(async () => {
  emu = await startGraphEmulator({ clock: () => time, token: 'tok' });
});
afterEach(async () => {
  await emu.close();
});

const auth = { Authorization: 'Bearer tok' };
async function call(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; json: Record<string, unknown>; headers: Headers }> {
  const init: RequestInit = {
    method,
    headers: { ...auth, ...headers, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
  };
  if (body !== undefined) init.body = JSON.stringify(body);
  const response = await fetch(path.startsWith('http') ? path : `${emu.url}${path}`, init);
  const text = await response.text();
  return { status: response.status, json: text === '' ? {} : (JSON.parse(text) as Record<string, unknown>), headers: response.headers };
}
const control = async (method: string, path: string, body?: unknown) =>
  (await fetch(`${emu.origin}/_control/${path}`, { method, ...(body === undefined ? {} : { body: JSON.stringify(body) }) })).status;

describe('contacts', () => {
  it('changes the etag with every write and answers a stale If-Match with 412 ErrorIrresolvableConflict', async () => {
    const created = await call('POST', '/me/contacts', { givenName: 'Ann' });
    expect(created.status).toBe(201);
    const etag = created.json['@odata.etag'] as string;
    const patched = await call('PATCH', `/me/contacts/${created.json['id'] as string}`, { surname: 'Tester' }, { 'If-Match': etag });
    expect(patched.status).toBe(200);
    expect(patched.json['@odata.etag']).not.toBe(etag);
    const stale = await call('PATCH', `/me/contacts/${created.json['id'] as string}`, { surname: 'Again' }, { 'If-Match': etag });
    expect(stale).toMatchObject({ status: 412, json: { error: { code: 'ErrorIrresolvableConflict' } } });
    expect((await call('DELETE', `/me/contacts/${created.json['id'] as string}`, undefined, { 'If-Match': etag })).status).toBe(412);
  });

  it('refuses unknown properties and a fourth email address', async () => {
    expect((await call('POST', '/me/contacts', { favouriteColour: 'red' })).status).toBe(400);
    const emails = ['a', 'b', 'c', 'd'].map((x) => ({ address: `${x}@x.org` }));
    expect(await call('POST', '/me/contacts', { emailAddresses: emails })).toMatchObject({
      status: 400,
      json: { error: { code: 'ErrorInvalidProperty' } },
    });
  });

  it('finds a contact by its extended property with $filter (value compared without case)', async () => {
    const property = 'String {00020329-0000-0000-c000-000000000046} Name op';
    await call('POST', '/me/contacts', { givenName: 'Found', singleValueExtendedProperties: [{ id: property, value: 'Op-1' }] });
    await call('POST', '/me/contacts', { givenName: 'Other', singleValueExtendedProperties: [{ id: property, value: 'op-2' }] });
    const filter = encodeURIComponent(`singleValueExtendedProperties/Any(ep: ep/id eq '${property}' and ep/value eq 'op-1')`);
    const found = await call('GET', `/me/contacts?$filter=${filter}&$select=givenName`);
    expect((found.json['value'] as { givenName: string }[]).map((c) => c.givenName)).toEqual(['Found']);
  });
});

describe('delta', () => {
  it('pages a round by odata.maxpagesize, then reports changes and removals with their reasons', async () => {
    const ids = emu.control.seed([1, 2, 3, 4, 5].map((i) => toDraft({ name: { given: `P${i}` } })));
    let page = await call('GET', '/me/contacts/delta', undefined, { Prefer: 'odata.maxpagesize=2' });
    let count = (page.json['value'] as unknown[]).length;
    while (typeof page.json['@odata.nextLink'] === 'string') {
      page = await call('GET', page.json['@odata.nextLink'], undefined, { Prefer: 'odata.maxpagesize=2' });
      count += (page.json['value'] as unknown[]).length;
    }
    expect(count).toBe(5);
    emu.control.remove(ids[0] as string, 'deleted');
    emu.control.remove(ids[1] as string, 'changed');
    emu.control.update(ids[2] as string, { notes: 'n' });
    const delta = await call('GET', page.json['@odata.deltaLink'] as string);
    expect(delta.json['value']).toEqual([
      { id: ids[0], '@removed': { reason: 'deleted' } },
      { id: ids[1], '@removed': { reason: 'changed' } },
      expect.objectContaining({ id: ids[2], personalNotes: 'n' }),
    ]);
  });

  it('expires tokens as told: 410 with a Location, or 400 syncStateNotFound', async () => {
    const first = await call('GET', '/me/contacts/delta');
    await control('POST', 'expire-tokens', { how: 'gone' });
    const gone = await call('GET', first.json['@odata.deltaLink'] as string);
    expect(gone.status).toBe(410);
    expect(gone.headers.get('location')).toBe(`${emu.url}/me/contacts/delta`);
    const again = await call('GET', '/me/contacts/delta');
    emu.control.expireTokens('syncStateNotFound');
    expect(await call('GET', again.json['@odata.deltaLink'] as string)).toMatchObject({
      status: 400,
      json: { error: { code: 'syncStateNotFound' } },
    });
  });
});

describe('batch, throttling and the control plane', () => {
  it('answers batch items by id with their own statuses, refuses more than twenty', async () => {
    expect(await control('POST', 'fail-next', { status: 429, retryAfter: 9, inBatch: true, method: 'POST' })).toBe(200);
    const requests = [1, 2, 3].map((i) => ({
      id: String(i),
      method: 'POST',
      url: '/me/contacts',
      headers: { 'Content-Type': 'application/json' },
      body: { givenName: `B${i}` },
    }));
    const answer = await call('POST', '/$batch', { requests });
    const responses = answer.json['responses'] as { id: string; status: number; headers: Record<string, string> }[];
    expect(responses.map((r) => r.id).sort()).toEqual(['1', '2', '3']);
    expect(responses.map((r) => r.status).sort()).toEqual([201, 201, 429]);
    expect(responses.find((r) => r.status === 429)?.headers['Retry-After']).toBe('9');
    const tooMany = Array.from({ length: 21 }, (_, i) => ({ id: String(i), method: 'GET', url: '/me/contacts' }));
    expect((await call('POST', '/$batch', { requests: tooMany })).status).toBe(400);
  });

  it('refuses a fifth concurrent request with 429 and Retry-After', async () => {
    emu.control.setLatency(40);
    const statuses = await Promise.all(Array.from({ length: 5 }, () => call('GET', '/me/contacts').then((r) => r.status)));
    expect(statuses.sort()).toEqual([200, 200, 200, 200, 429]);
  });

  it('answers requests over the per-mailbox limit with 429 until the 10-minute window ends', async () => {
    emu.control.setSettings({ requestsPer10Minutes: 2 });
    expect((await call('GET', '/me/contacts')).status).toBe(200);
    expect((await call('GET', '/me/contacts')).status).toBe(200);
    const over = await call('GET', '/me/contacts');
    expect(over.status).toBe(429);
    expect(over.headers.get('retry-after')).toBe('600');
    emu.control.advance(600_000);
    expect((await call('GET', '/me/contacts')).status).toBe(200);
  });

  it('401 for a revoked token, 403 when locked; seed, log and clock over HTTP', async () => {
    const fresh = emu.control.rotateToken();
    expect((await call('GET', '/me/contacts')).status).toBe(401);
    expect((await call('GET', '/me/contacts', undefined, { Authorization: `Bearer ${fresh}` })).status).toBe(200);
    expect(await control('POST', 'lock', { locked: true })).toBe(200);
    expect((await call('GET', '/me/contacts', undefined, { Authorization: `Bearer ${fresh}` })).status).toBe(403);
    expect(await control('POST', 'seed', { count: 3, seed: 1 })).toBe(200);
    expect(emu.control.list()).toHaveLength(3);
    expect(emu.control.log().map((e) => e.status)).toEqual([401, 200, 403]);
    expect(await control('POST', 'clock', { advanceMs: 1_000 })).toBe(200);
    expect(emu.control.now()).toBe(time + 1_000);
    expect(await control('PUT', 'settings', { maxPageSize: 'big' })).toBe(400);
  });
});
