import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startWindowsLiveEmulator } from './server.js';
import { contactXml, EMPTY, rawClient, type RawClient } from './test-kit.js';

let c: RawClient;
beforeEach(async () => {
  c = await rawClient();
});
afterEach(async () => {
  await c.emulator.close();
});

async function control(method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  const init: RequestInit = { method };
  if (body !== undefined) init.body = JSON.stringify(body);
  const r = await fetch(`${c.emulator.url}/_control/${path}`, init);
  const text = await r.text();
  return { status: r.status, json: text === '' ? undefined : JSON.parse(text) };
}

describe('the control plane over HTTP (/_control/, JSON)', () => {
  it('seeds, lists, edits "from another device", deletes and resets', async () => {
    const seeded = await control('POST', 'seed', { count: 3 });
    expect((seeded.json as { ids: string[] }).ids).toHaveLength(3);
    const created = (await control('POST', 'contacts', { name: { given: 'Ada' }, emails: [{ type: 'work', address: 'a@b.org' }] }))
      .json as { remoteId: string };
    expect((await control('PUT', `contacts/${created.remoteId}`, { notes: 'edited', name: { family: 'Lovelace' } })).status).toBe(204);
    const one = (await control('GET', `contacts/${created.remoteId}`)).json as {
      contact: { notes: string; name: { given: string; family: string } };
      wire: { Emails: { EmailType: string }[] };
    };
    expect(one.contact.notes).toBe('edited');
    expect(one.contact.name).toMatchObject({ given: 'Ada', family: 'Lovelace' });
    expect(one.wire.Emails[0]?.EmailType).toBe('Business');
    expect((await control('DELETE', `contacts/${created.remoteId}`)).status).toBe(204);
    expect((await control('GET', 'contacts')).json).toHaveLength(3);
    await control('POST', 'reset', { contacts: [{ nickname: 'only' }] });
    expect((await control('GET', 'contacts')).json).toMatchObject([{ contact: { nickname: 'only' } }]);
  });

  it('forces statuses, drops responses, flags Family Safety, mints read-only tokens and sets quotas', async () => {
    await control('POST', 'fail-next', { status: 504, retryAfter: 7, method: 'GET' });
    const forced = await c.request('GET', '');
    expect([forced.status, forced.headers.get('Retry-After')]).toEqual([504, '7']);

    await control('POST', 'lose-next-response', { match: { method: 'POST', path: '/Contacts$' } });
    await expect(c.request('POST', 'Contacts', { body: contactXml('Lost') })).rejects.toThrow();
    expect(c.emulator.control.list()).toHaveLength(1);

    await control('POST', 'lock', { locked: true });
    expect((await c.request('GET', '')).status).toBe(401);
    await control('POST', 'lock', { locked: false });

    const { token } = (await control('POST', 'tokens', { readOnly: true })).json as { token: string };
    expect((await c.request('POST', 'Contacts', { body: contactXml('x'), token })).status).toBe(403);

    expect(((await control('PUT', 'quotas', { maxContacts: 1 })).json as { maxContacts: number }).maxContacts).toBe(1);
    expect((await c.request('POST', 'Contacts', { body: contactXml('x') })).status).toBe(409);
  });

  it('reads the log and the clock, and moves the clock', async () => {
    await c.request('GET', '');
    expect((await control('GET', 'log')).json).toMatchObject([{ method: 'GET', status: 200 }]);
    await control('POST', 'clear-log');
    expect((await control('GET', 'log')).json).toEqual([]);
    const before = ((await control('GET', 'clock')).json as { now: number }).now;
    expect(((await control('POST', 'clock', { advanceMs: 1000 })).json as { now: number }).now).toBe(before + 1000);
    expect(((await control('POST', 'clock', { now: 5000 })).json as { now: number }).now).toBe(5000);
  });

  it('answers bad input with 400 and unknown routes with 404, as JSON', async () => {
    expect(await control('POST', 'fail-next', { status: 'soon' })).toEqual({ status: 400, json: { error: 'status must be a number' } });
    expect((await control('POST', 'nothing')).status).toBe(404);
    const r = await fetch(`${c.emulator.url}/_control/seed`, { method: 'POST', body: '{not json' });
    expect(r.status).toBe(400);
  });
});

describe('persistence', () => {
  it('saves the book after every change and loads it, with its credentials, on restart', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'wl-emulator-')), 'book.json');
    const first = await startWindowsLiveEmulator({ port: 0, persistPath: path });
    const id = first.control.create({ ...EMPTY, nickname: 'kept' });
    const r = await fetch(`${first.url}/users/@L@${first.lid}/rest/LiveContacts/Contacts/Contact(${id})`, {
      method: 'PUT',
      headers: { Authorization: `DelegatedToken dt="${first.token}"` },
      body: '<Contact><Notes>persisted</Notes></Contact>',
    });
    expect(r.status).toBe(204);
    await first.close();
    expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject({ format: 'windows-live-emulator/1', lid: first.lid });
    const second = await startWindowsLiveEmulator({ port: 0, persistPath: path });
    expect([second.lid, second.token]).toEqual([first.lid, first.token]);
    expect(second.control.get(id)?.contact).toMatchObject({ nickname: 'kept', notes: 'persisted' });
    await second.close();
  });
});
