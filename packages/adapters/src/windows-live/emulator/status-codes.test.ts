import { EMPTY_DRAFT } from '@contactsync/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contactXml, locationId, rawClient, type RawClient } from './test-kit.js';

/**
 * Every error status of seeds/windows-live-contacts-status-codes.txt (4xx, 5xx), triggered over
 * real HTTP, with status, the headers the contract names (Allow, Retry-After) and body checked.
 * The success statuses are in success-codes.test.ts.
 */

let c: RawClient;
beforeEach(async () => {
  c = await rawClient();
});
afterEach(async () => {
  await c.emulator.close();
});

const secondOf = (ms: number): string => new Date(Math.floor(ms / 1000) * 1000).toUTCString();

async function create(first = 'Ada', extra = ''): Promise<string> {
  const r = await c.request('POST', 'Contacts', { body: contactXml(first, extra) });
  expect(r.status).toBe(201);
  return locationId(r);
}

describe('400 Bad Request', () => {
  const cases: readonly [string, string][] = [
    ['a DOCTYPE', '<!DOCTYPE Contact [<!ENTITY x "y">]><Contact><Notes>&x;</Notes></Contact>'],
    ['malformed XML', '<Contact><Notes>open</Contact>'],
    ['a read-only ID', '<Contact><ID>11111111-1111-1111-1111-111111111111</ID></Contact>'],
    ['an enum value outside the list', '<Contact><Phones><Phone><PhoneType>Car</PhoneType><Number>1</Number></Phone></Phones></Contact>'],
    [
      'an email without a dot after the @',
      '<Contact><Emails><Email><EmailType>Personal</EmailType><Address>ada@example</Address></Email></Emails></Contact>',
    ],
    [
      'an email with two @',
      '<Contact><Emails><Email><EmailType>Personal</EmailType><Address>a@b@c.org</Address></Email></Emails></Contact>',
    ],
    [
      'an email over 321 characters',
      `<Contact><Emails><Email><EmailType>Personal</EmailType><Address>${'a'.repeat(312)}@example.org</Address></Email></Emails></Contact>`,
    ],
    [
      'a text over 1,024 characters',
      `<Contact><Profiles><Personal><FirstName>${'x'.repeat(1025)}</FirstName></Personal></Profiles></Contact>`,
    ],
    ['Notes over 4,096 characters', `<Contact><Notes>${'x'.repeat(4097)}</Notes></Contact>`],
    ['a Birthdate that is not a date', '<Contact><Profiles><Personal><Birthdate>1815-13-40</Birthdate></Personal></Profiles></Contact>'],
    ['an unknown element', '<Contact><Shoe>9</Shoe></Contact>'],
    ['an undefined entity', '<Contact><Notes>&nbsp;</Notes></Contact>'],
  ];
  it.each(cases)('POST with %s', async (_what, body) => {
    const r = await c.request('POST', 'Contacts', { body });
    expect(r.status).toBe(400);
    expect(r.body).toBe('');
    expect(c.emulator.control.list()).toHaveLength(0);
  });

  it('PUT: a changed EmailType, an unknown child ID (nothing changes), the Owner', async () => {
    const id = await create('Ada', '<Emails><Email><EmailType>Personal</EmailType><Address>a@b.org</Address></Email></Emails>');
    const emailId = c.emulator.control.wire(id)?.Emails?.[0]?.ID ?? '';
    const typeChange = await c.request('PUT', `Contacts/Contact(${id})/Emails/Email(${emailId})`, {
      body: '<Email><EmailType>Business</EmailType></Email>',
    });
    expect(typeChange.status).toBe(400);
    const unknown = await c.request('PUT', `Contacts/Contact(${id})`, {
      body: '<Contact><Notes>changed</Notes><Emails><Email><ID>00000000-0000-0000-0000-000000000000</ID><Address>x@y.org</Address></Email></Emails></Contact>',
    });
    expect(unknown.status).toBe(400);
    expect(c.emulator.control.wire(id)?.Notes).toBe('');
    const owner = await c.request('PUT', 'Owner', { body: '<Owner/>' });
    expect(owner.status).toBe(400);
    expect(owner.body).toBe('');
  });
});

describe('401 Unauthorized', () => {
  it('missing or malformed header (missing CallerID)', async () => {
    expect((await c.request('GET', '', { token: null })).status).toBe(401);
    const malformed = await c.request('GET', '', { token: null, headers: { Authorization: `Bearer ${c.emulator.token}` } });
    expect(malformed.status).toBe(401);
    expect(malformed.body).toBe('');
  });

  it('unknown token, or a token issued for another lid (invalid CallerID)', async () => {
    expect((await c.request('GET', '', { token: 'not-a-token' })).status).toBe(401);
    const other = c.emulator.control.mintToken({ lid: '00000000000000ff' });
    expect((await c.request('GET', '', { token: other })).status).toBe(401);
    expect((await c.request('GET', '/users/@L@00000000000000ff/rest/LiveContacts')).status).toBe(401);
  });

  it('a book flagged Family-Safety restricted (assertion failed)', async () => {
    c.emulator.control.setLocked(true);
    expect((await c.request('GET', '')).status).toBe(401);
    c.emulator.control.setLocked(false);
    expect((await c.request('GET', '')).status).toBe(200);
  });
});

describe('403 Forbidden', () => {
  it('a read-only grant used for a write; reads still work', async () => {
    const readOnly = c.emulator.control.mintToken({ readOnly: true });
    const r = await c.request('POST', 'Contacts', { body: contactXml('Ada'), token: readOnly });
    expect(r.status).toBe(403);
    expect(r.body).toBe('');
    expect((await c.request('GET', '', { token: readOnly })).status).toBe(200);
    expect(c.emulator.control.list()).toHaveLength(0);
  });

  it('more than one object in a POST (maximum number of inserted objects exceeded)', async () => {
    const r = await c.request('POST', 'Contacts', { body: `<Contacts>${contactXml('A')}${contactXml('B')}</Contacts>` });
    expect(r.status).toBe(403);
    expect(c.emulator.control.list()).toHaveLength(0);
    const one = await c.request('POST', 'Contacts', { body: `<Contacts>${contactXml('A')}</Contacts>` });
    expect(one.status).toBe(201);
  });
});

describe('404 Not Found', () => {
  it('an unknown contact id, child id or path', async () => {
    const id = await create();
    expect((await c.request('GET', 'Contacts/Contact(6f1c0a0e-0000-4000-8000-000000000000)')).status).toBe(404);
    expect((await c.request('DELETE', 'Contacts/Contact(6f1c0a0e-0000-4000-8000-000000000000)')).status).toBe(404);
    expect((await c.request('GET', `Contacts/Contact(${id})/Emails/Email(nope)`)).status).toBe(404);
    const r = await c.request('GET', 'Groups');
    expect(r.status).toBe(404);
    expect(r.body).toBe('');
    expect((await c.request('GET', '/nothing/here')).status).toBe(404);
  });
});

describe('405 Method Not Allowed', () => {
  it('POST or DELETE on a singleton: Allow: GET, PUT', async () => {
    const id = await create();
    for (const [method, path] of [
      ['DELETE', 'Owner'],
      ['POST', 'Owner'],
      ['POST', `Contacts/Contact(${id})/Profiles/Personal/FirstName`],
      ['DELETE', `Contacts/Contact(${id})/Notes`],
    ] as const) {
      const r = await c.request(method, path);
      expect(r.status, `${method} ${path}`).toBe(405);
      expect(r.headers.get('Allow')).toBe('GET, PUT');
      expect(r.body).toBe('');
    }
  });

  it('a method other than POST, PUT, GET, DELETE: Allow: POST, PUT, GET, DELETE', async () => {
    const id = await create();
    for (const method of ['PATCH', 'OPTIONS', 'HEAD']) {
      const r = await c.request(method, `Contacts/Contact(${id})`);
      expect(r.status, method).toBe(405);
      expect(r.headers.get('Allow')).toBe('POST, PUT, GET, DELETE');
    }
  });

  it('other resources name their own methods', async () => {
    const id = await create();
    expect((await c.request('PUT', '')).headers.get('Allow')).toBe('GET');
    expect((await c.request('DELETE', 'Contacts')).headers.get('Allow')).toBe('POST, GET');
    expect((await c.request('POST', `Contacts/Contact(${id})`)).headers.get('Allow')).toBe('PUT, GET, DELETE');
  });
});

describe('409 Conflict', () => {
  it('a second email of one type, on create and on a child POST', async () => {
    const two =
      '<Emails><Email><EmailType>Personal</EmailType><Address>a@b.org</Address></Email><Email><EmailType>Personal</EmailType><Address>c@d.org</Address></Email></Emails>';
    expect((await c.request('POST', 'Contacts', { body: contactXml('A', two) })).status).toBe(409);
    const id = await create('B', '<Emails><Email><EmailType>Personal</EmailType><Address>a@b.org</Address></Email></Emails>');
    const r = await c.request('POST', `Contacts/Contact(${id})/Emails`, {
      body: '<Email><EmailType>Personal</EmailType><Address>c@d.org</Address></Email>',
    });
    expect(r.status).toBe(409);
    expect(r.body).toBe('');
    expect(r.headers.get('Location')).toBeNull();
  });

  it('the contact quota (6,500 by default)', async () => {
    c.emulator.control.seed(Array.from({ length: 6500 }, () => ({ ...EMPTY_DRAFT, nickname: 'n' })));
    const r = await c.request('POST', 'Contacts', { body: contactXml('One too many') });
    expect(r.status).toBe(409);
    expect(c.emulator.control.list()).toHaveLength(6500);
  });

  it('the tag quota (200 distinct by default), on create and on PUT', async () => {
    const id = await create('Tagged', `<Tags>${Array.from({ length: 200 }, (_, i) => `<Tag>t${i}</Tag>`).join('')}</Tags>`);
    expect((await c.request('POST', 'Contacts', { body: contactXml('New', '<Tags><Tag>t201</Tag></Tags>') })).status).toBe(409);
    expect((await c.request('POST', 'Contacts', { body: contactXml('Old', '<Tags><Tag>t5</Tag></Tags>') })).status).toBe(201);
    expect(
      (await c.request('PUT', `Contacts/Contact(${id})`, { body: '<Contact><Tags><Tag>t0</Tag><Tag>extra</Tag></Tags></Contact>' })).status,
    ).toBe(204);
  });
});

describe('412 Precondition Failed', () => {
  it('PUT or DELETE with If-Unmodified-Since before the contact changed; nothing written', async () => {
    const id = await create('Ada');
    const seen = secondOf(c.clock.now());
    c.clock.advance(1000);
    c.emulator.control.update(id, { notes: 'elsewhere' });
    const put = await c.request('PUT', `Contacts/Contact(${id})`, {
      body: '<Contact><Notes>mine</Notes></Contact>',
      headers: { 'If-Unmodified-Since': seen },
    });
    expect(put.status).toBe(412);
    expect(put.body).toBe('');
    expect(put.headers.get('Last-Modified')).toBe(secondOf(c.clock.now()));
    expect(c.emulator.control.wire(id)?.Notes).toBe('elsewhere');
    const del = await c.request('DELETE', `Contacts/Contact(${id})`, { headers: { 'If-Unmodified-Since': seen } });
    expect(del.status).toBe(412);
    const current = await c.request('PUT', `Contacts/Contact(${id})`, {
      body: '<Contact><Notes>mine</Notes></Contact>',
      headers: { 'If-Unmodified-Since': secondOf(c.clock.now()) },
    });
    expect(current.status).toBe(204);
  });
});

describe('5xx', () => {
  it.each([500, 503, 504])('%i forced, with and without Retry-After; nothing is written', async (status) => {
    c.emulator.control.failNext({ status, method: 'POST', retryAfter: 120 });
    c.emulator.control.failNext({ status, method: 'POST' });
    const first = await c.request('POST', 'Contacts', { body: contactXml('A') });
    expect(first.status).toBe(status);
    expect(first.headers.get('Retry-After')).toBe('120');
    expect(first.body).toBe('');
    const second = await c.request('POST', 'Contacts', { body: contactXml('A') });
    expect(second.status).toBe(status);
    expect(second.headers.get('Retry-After')).toBeNull();
    expect(c.emulator.control.list()).toHaveLength(0);
    expect((await c.request('POST', 'Contacts', { body: contactXml('A') })).status).toBe(201);
    expect(c.emulator.control.log().map((e) => [e.status, e.forced])).toEqual([
      [status, true],
      [status, true],
      [201, false],
    ]);
  });

  it('504 + Retry-After from the calls-per-second limiter, per token, lifted in the next second', async () => {
    c.emulator.control.setQuotas({ callsPerSecond: 3 });
    for (let i = 0; i < 3; i++) expect((await c.request('GET', '')).status).toBe(200);
    const throttled = await c.request('GET', '');
    expect(throttled.status).toBe(504);
    expect(throttled.headers.get('Retry-After')).toBe('1');
    expect(throttled.body).toBe('');
    const other = c.emulator.control.mintToken();
    expect((await c.request('GET', '', { token: other })).status).toBe(200);
    c.clock.advance(1000);
    expect((await c.request('GET', '')).status).toBe(200);
  });
});
