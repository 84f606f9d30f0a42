import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contactXml, locationId, rawClient, type RawClient } from './test-kit.js';

/**
 * The success statuses of seeds/windows-live-contacts-status-codes.txt (200, 201, 204, 206, 304),
 * over real HTTP, with Location and Last-Modified headers and bodies checked.
 */

let c: RawClient;
beforeEach(async () => {
  c = await rawClient();
});
afterEach(async () => {
  await c.emulator.close();
});

const HTTP_DATE = /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/;
const secondOf = (ms: number): string => new Date(Math.floor(ms / 1000) * 1000).toUTCString();

async function create(first = 'Ada', extra = ''): Promise<string> {
  const r = await c.request('POST', 'Contacts', { body: contactXml(first, extra) });
  expect(r.status).toBe(201);
  return locationId(r);
}

describe('2xx and 3xx', () => {
  it('200: GET of the root, a contact and a collection, each with Last-Modified', async () => {
    const id = await create('Ada', '<Emails><Email><EmailType>Personal</EmailType><Address>ada@example.org</Address></Email></Emails>');
    c.clock.advance(2000);
    const root = await c.request('GET', '');
    expect(root.status).toBe(200);
    expect(root.headers.get('Last-Modified')).toMatch(HTTP_DATE);
    expect(root.body).toContain('<LiveContacts><Owner>');
    expect(root.body).toContain(`<ID>${id}</ID>`);
    const one = await c.request('GET', `Contacts/Contact(${id})`);
    expect(one.status).toBe(200);
    expect(one.headers.get('Last-Modified')).toBe(secondOf(c.clock.now() - 2000));
    expect(one.body).toMatch(/<Contact><ID>[^<]+<\/ID><Profiles><Personal><FirstName>Ada<\/FirstName>/);
    const emails = await c.request('GET', `Contacts/Contact(${id})/Emails`);
    expect(emails.status).toBe(200);
    expect(emails.body).toContain('<Address>ada@example.org</Address>');
    const first = await c.request('GET', `Contacts/Contact(${id})/Profiles/Personal/FirstName`);
    expect(first.body).toContain('<FirstName>Ada</FirstName>');
    expect(first.headers.get('Last-Modified')).toMatch(HTTP_DATE);
  });

  it('201: POST answers Location and Last-Modified (the current second), empty body', async () => {
    const r = await c.request('POST', 'Contacts', { body: contactXml('Ada') });
    expect(r.status).toBe(201);
    expect(r.headers.get('Location')).toMatch(
      new RegExp(`^${c.emulator.url}/users/@L@${c.emulator.lid}/rest/LiveContacts/Contacts/Contact\\([0-9a-f-]{36}\\)$`),
    );
    expect(r.headers.get('Last-Modified')).toBe(secondOf(c.clock.now()));
    expect(r.body).toBe('');
    const child = await c.request('POST', `Contacts/Contact(${locationId(r)})/Phones`, {
      body: '<Phone><PhoneType>Mobile</PhoneType><Number>1</Number></Phone>',
    });
    expect(child.status).toBe(201);
    expect(child.headers.get('Location')).toMatch(/\/Phones\/Phone\([0-9a-f-]{36}\)$/);
  });

  it('204: PUT (partial) and DELETE answer Last-Modified and no body', async () => {
    const id = await create('Ada', '<Notes>keep</Notes>');
    c.clock.advance(3000);
    const put = await c.request('PUT', `Contacts/Contact(${id})`, {
      body: '<Contact><Profiles><Personal><LastName>Lovelace</LastName></Personal></Profiles></Contact>',
    });
    expect(put.status).toBe(204);
    expect(put.body).toBe('');
    expect(put.headers.get('Last-Modified')).toBe(secondOf(c.clock.now()));
    const stored = c.emulator.control.wire(id);
    expect(stored?.Profiles?.Personal?.FirstName).toBe('Ada');
    expect(stored?.Profiles?.Personal?.LastName).toBe('Lovelace');
    expect(stored?.Notes).toBe('keep');
    const del = await c.request('DELETE', `Contacts/Contact(${id})`);
    expect(del.status).toBe(204);
    expect(del.headers.get('Last-Modified')).toBe(secondOf(c.clock.now()));
    expect(c.emulator.control.get(id)).toBeNull();
  });

  it('206 and 304: deltas with DeltaSync: Basic, tombstones, and the one-second rule', async () => {
    const kept = await create('Kept');
    const gone = await create('Gone');
    c.clock.advance(1000);
    const full = await c.request('GET', '');
    const cursor = full.headers.get('Last-Modified') ?? '';
    const delta = { DeltaSync: 'Basic', 'If-Modified-Since': cursor };
    expect((await c.request('GET', '', { headers: delta })).status).toBe(304);

    c.clock.advance(1000);
    await c.request('PUT', `Contacts/Contact(${kept})`, { body: '<Contact><Notes>new</Notes></Contact>' });
    await c.request('DELETE', `Contacts/Contact(${gone})`);
    const sameSecond = await c.request('GET', '', { headers: delta });
    expect(sameSecond.status).toBe(304); // the second of the change has not ended yet
    expect(sameSecond.body).toBe('');
    expect(sameSecond.headers.get('Last-Modified')).toBe(secondOf(c.clock.now() - 1000));

    c.clock.advance(1000);
    const r = await c.request('GET', '', { headers: delta });
    expect(r.status).toBe(206);
    expect(r.headers.get('Last-Modified')).toBe(secondOf(c.clock.now() - 1000));
    expect(r.body).toContain('<Notes>new</Notes>');
    expect(r.body).toContain(`<Contact><ID>${gone}</ID><IsDeleted>true</IsDeleted></Contact>`);
    expect(r.body).not.toContain('<Owner>');
    const next = await c.request('GET', '', { headers: { DeltaSync: 'Basic', 'If-Modified-Since': r.headers.get('Last-Modified') ?? '' } });
    expect(next.status).toBe(304);
  });

  it('304 and 200 to If-Modified-Since without DeltaSync', async () => {
    await create('Ada');
    c.clock.advance(1000);
    const full = await c.request('GET', '');
    const since = { 'If-Modified-Since': full.headers.get('Last-Modified') ?? '' };
    expect((await c.request('GET', '', { headers: since })).status).toBe(304);
    await create('Ben');
    c.clock.advance(1000);
    const again = await c.request('GET', '', { headers: since });
    expect(again.status).toBe(200);
    expect(again.body).toContain('<Owner>');
    expect(again.body.match(/<Contact>/g)).toHaveLength(2);
  });
});
