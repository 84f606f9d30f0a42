import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lidToCid } from './path.js';
import { contactXml, locationId, rawClient, type RawClient } from './test-kit.js';

/** Resources and rules of docs/windows-live.md §1.2-§1.5 beyond the status codes themselves. */

let c: RawClient;
beforeEach(async () => {
  c = await rawClient();
});
afterEach(async () => {
  await c.emulator.close();
});

async function create(extra = ''): Promise<string> {
  const r = await c.request('POST', 'Contacts', { body: contactXml('Ada', extra) });
  expect(r.status).toBe(201);
  return locationId(r);
}

describe('addressing', () => {
  it('serves the same book as @C@{cid} and under any letter case', async () => {
    const id = await create();
    const cidPath = `/users/@C@${lidToCid(c.emulator.lid)}/rest/LiveContacts/Contacts/Contact(${id})`;
    expect((await c.request('GET', cidPath)).status).toBe(200);
    const upper = `/USERS/@l@${c.emulator.lid.toUpperCase()}/REST/LIVECONTACTS/CONTACTS/CONTACT(${id.toUpperCase()})`;
    expect((await c.request('GET', upper)).status).toBe(200);
    expect(c.emulator.cid).toBe(lidToCid(c.emulator.lid));
  });
});

describe('partial updates', () => {
  it('PUTs a single-valued element, Tags and Profiles/Personal', async () => {
    const id = await create('<Tags><Tag>A</Tag></Tags>');
    expect(
      (await c.request('PUT', `Contacts/Contact(${id})/Profiles/Personal/LastName`, { body: '<LastName>Lovelace</LastName>' })).status,
    ).toBe(204);
    expect((await c.request('PUT', `Contacts/Contact(${id})/Tags`, { body: '<Tags><Tag>B</Tag><Tag>C</Tag></Tags>' })).status).toBe(204);
    expect(
      (await c.request('PUT', `Contacts/Contact(${id})/Profiles/Personal`, { body: '<Personal><NickName>ada</NickName></Personal>' }))
        .status,
    ).toBe(204);
    expect((await c.request('PUT', `Contacts/Contact(${id})/Notes`, { body: '<FirstName>x</FirstName>' })).status).toBe(400);
    const wire = c.emulator.control.wire(id);
    expect(wire?.Profiles?.Personal).toMatchObject({ FirstName: 'Ada', LastName: 'Lovelace', NickName: 'ada' });
    expect(wire?.Tags).toEqual(['B', 'C']);
    expect((await c.request('GET', `Contacts/Contact(${id})/Tags`)).body).toContain('<Tags><Tag>B</Tag><Tag>C</Tag></Tags>');
  });

  it('PUTs and DELETEs a child by its URL, conditionally on the contact', async () => {
    const id = await create('<Phones><Phone><PhoneType>Mobile</PhoneType><Number>1</Number></Phone></Phones>');
    const phoneId = c.emulator.control.wire(id)?.Phones?.[0]?.ID ?? '';
    const seen = new Date(Math.floor(c.clock.now() / 1000) * 1000).toUTCString();
    expect(
      (
        await c.request('PUT', `Contacts/Contact(${id})/Phones/Phone(${phoneId})`, {
          body: '<Phone><PhoneType>Fax</PhoneType></Phone>',
          headers: { 'If-Unmodified-Since': seen },
        })
      ).status,
    ).toBe(204);
    expect(c.emulator.control.wire(id)?.Phones?.[0]).toMatchObject({ PhoneType: 'Fax', Number: '1' });
    c.clock.advance(1000);
    expect(
      (await c.request('DELETE', `Contacts/Contact(${id})/Phones/Phone(${phoneId})`, { headers: { 'If-Unmodified-Since': seen } })).status,
    ).toBe(204);
    c.clock.advance(1000);
    await c.request('PUT', `Contacts/Contact(${id})`, { body: '<Contact><Notes>n</Notes></Contact>' });
    c.clock.advance(1000);
    const stale = await c.request('POST', `Contacts/Contact(${id})/Phones`, {
      body: '<Phone><PhoneType>Fax</PhoneType></Phone>',
      headers: { 'If-Unmodified-Since': seen },
    });
    expect(stale.status).toBe(412);
  });

  it('matches children of a contact PUT by ID and changes nothing else', async () => {
    const id = await create(
      '<Emails><Email><EmailType>Personal</EmailType><Address>a@b.org</Address></Email><Email><EmailType>Business</EmailType><Address>c@d.org</Address></Email></Emails>',
    );
    const [personal, business] = c.emulator.control.wire(id)?.Emails ?? [];
    const r = await c.request('PUT', `Contacts/Contact(${id})`, {
      body: `<Contact><Emails><Email><ID>${business?.ID}</ID><Address>new@d.org</Address><EmailType>Business</EmailType></Email></Emails></Contact>`,
    });
    expect(r.status).toBe(204);
    expect(c.emulator.control.wire(id)?.Emails).toEqual([personal, { ...business, Address: 'new@d.org' }]);
  });
});

describe('DeltaSync', () => {
  it('refuses a DeltaSync mode other than Basic, and ignores an unparseable If-Modified-Since', async () => {
    expect((await c.request('GET', '', { headers: { DeltaSync: 'Full', 'If-Modified-Since': new Date().toUTCString() } })).status).toBe(
      400,
    );
    expect((await c.request('GET', '', { headers: { DeltaSync: 'basic', 'If-Modified-Since': 'yesterday' } })).status).toBe(200);
  });
});

describe('control plane', () => {
  it('logs method, path, status and the emulator clock time', async () => {
    c.clock.advance(1234);
    await c.request('GET', 'Owner');
    expect(c.emulator.control.log()).toEqual([
      { method: 'GET', path: `${c.base}/Owner`, status: 200, time: c.clock.now(), forced: false, dropped: false },
    ]);
  });

  it('forces statuses by method and path pattern, for N requests', async () => {
    c.emulator.control.failNext({ status: 503, method: 'GET', path: '/Owner$', count: 2 });
    expect((await c.request('GET', '')).status).toBe(200);
    expect((await c.request('GET', 'Owner')).status).toBe(503);
    expect((await c.request('GET', 'Owner')).status).toBe(503);
    expect((await c.request('GET', 'Owner')).status).toBe(200);
  });

  it('adds latency in real time', async () => {
    c.emulator.control.setLatency(50);
    const started = Date.now();
    await c.request('GET', '');
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
  });

  it('moves its clock: set and advance', async () => {
    c.emulator.control.setTime(Date.UTC(2011, 0, 1));
    expect(c.emulator.control.now()).toBe(Date.UTC(2011, 0, 1));
    c.emulator.control.advance(5000);
    const r = await c.request('GET', 'Owner');
    expect(r.headers.get('Date')).toBe(new Date(Date.UTC(2011, 0, 1, 0, 0, 5)).toUTCString());
  });
});
