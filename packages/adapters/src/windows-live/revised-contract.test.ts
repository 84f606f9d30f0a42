import { toDraft, type RemoteContact } from '@contactsync/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { windowsLive } from './client.js';
import { contactXml, rawClient, type RawClient } from './emulator/test-kit.js';

/** The contract revisions of docs/windows-live.md: the company on a location, and tolerant reading. */

const BOOK = `<?xml version="1.0" encoding="utf-8"?>
<LiveContacts><Owner><CID>1</CID></Owner><Contacts>
  <Contact><ID>a</ID>
    <Profiles><Personal><FirstName>Ada</FirstName><Birthdate>1815-12-10T00:00:00Z</Birthdate></Personal></Profiles>
    <Locations>
      <Location><ID>l1</ID><LocationType>Personal</LocationType><StreetLine>12 St James's Sq</StreetLine><PrimaryCity>London</PrimaryCity><SubDivision>Westminster</SubDivision></Location>
      <Location><ID>l2</ID><LocationType>Business</LocationType><CompanyName>Analytical Engines</CompanyName></Location>
    </Locations>
    <Tags><Tag><Name>Friends</Name><Id>3</Id></Tag><Tag>Work</Tag><Tag><Color>red</Color></Tag></Tags>
  </Contact>
  <contact><id>b</id>
    <profiles><professional><jobtitle>Engineer</jobtitle></professional></profiles>
    <locations><location><id>l3</id><locationtype>Business</locationtype><companyname>Babbage &amp; Co</companyname><primarycity>Paris</primarycity></location></locations>
  </contact>
  <Contact><ID>c</ID>
    <Profiles><Personal><FirstName>Odd</FirstName><NickName>a</NickName><NickName>b</NickName></Personal></Profiles>
    <Notes><b>bold</b></Notes>
    <Emails><Email><ID>e1</ID><EmailType>Personal</EmailType><Address>odd@example.org</Address></Email><Email><ID><x/></ID></Email></Emails>
  </Contact>
</Contacts></LiveContacts>`;

describe('reading a real book tolerantly', () => {
  it('reads the company from its location, SubDivision, structured tags and timestamp birthdays, and one odd contact fails nothing', async () => {
    const fetch = (): Promise<Response> =>
      Promise.resolve(new Response(BOOK, { status: 200, headers: { 'Last-Modified': 'Tue, 01 Jun 2010 12:00:00 GMT' } }));
    const service = windowsLive({ baseUrl: 'http://book.invalid', lid: '00000000000000ff', token: 't', fetch });
    const page = await service.pull({ cursor: null, consistency: 'delta' });
    if (page.kind !== 'page') throw new Error(JSON.stringify(page));
    const records = page.changes
      .map((ch) => (ch.kind === 'upsert' ? ch.record : null))
      .filter((r): r is RemoteContact => r !== null)
      .sort((x, y) => x.remoteId.localeCompare(y.remoteId));
    expect(records.map((r) => r.remoteId)).toEqual(['a', 'b', 'c']);
    const [a, b, c] = records.map((r) => r.contact);
    expect(a).toMatchObject({
      company: 'Analytical Engines',
      birthday: '1815-12-10',
      categories: ['Friends', 'Work'],
      addresses: [{ type: 'home', street: "12 St James's Sq", city: 'London', region: 'Westminster', postalCode: '', country: '' }],
    });
    expect(records[0]?.meta).toMatchObject({ locations: ['l1'], company: { id: 'l2', address: null } });
    expect(b).toMatchObject({ company: 'Babbage & Co', jobTitle: 'Engineer', addresses: [{ type: 'work', city: 'Paris' }] });
    expect(records[1]?.meta).toMatchObject({ locations: ['l3'], company: { id: 'l3', address: 0 } });
    expect(c).toMatchObject({
      name: { given: 'Odd' },
      nickname: '',
      notes: '',
      emails: [{ type: 'personal', address: 'odd@example.org' }],
    });
  });
});

describe('writing the company to the Business location', () => {
  let raw: RawClient;
  beforeEach(async () => {
    raw = await rawClient();
  });
  afterEach(async () => {
    await raw.emulator.close();
  });
  const service = () => windowsLive({ baseUrl: raw.emulator.url, lid: raw.emulator.lid, token: raw.emulator.token });
  const read = async (id: string): Promise<string> => (await raw.request('GET', `Contacts/Contact(${id})`)).body;

  it('creates it on a location of its own, edits it there, and clears it', async () => {
    const created = await service().push({
      cursor: null,
      operations: [{ kind: 'create', opId: '1', contact: toDraft({ name: { given: 'Ada' }, company: 'AE' }) }],
    });
    const result = created.kind === 'results' ? created.results[0] : undefined;
    if (result?.kind !== 'ok' || result.record === undefined) throw new Error(JSON.stringify(created));
    const id = result.record.remoteId;
    expect(await read(id)).toMatch(/<Location><ID>[^<]+<\/ID><LocationType>Business<\/LocationType><CompanyName>AE<\/CompanyName>/);
    expect(await read(id)).toContain('<Professional><JobTitle/></Professional>');

    raw.clock.advance(1000);
    const renamed = await service().push({
      cursor: null,
      operations: [{ kind: 'update', opId: '2', base: result.record, contact: { ...result.record.contact, company: 'Engines' } }],
    });
    expect(renamed).toMatchObject({ kind: 'results', results: [{ kind: 'ok', record: { contact: { company: 'Engines' } } }] });
    expect(raw.emulator.control.log().map((e) => `${e.method} ${e.status}`)).toEqual([
      'POST 201',
      'GET 200',
      'GET 200',
      'GET 200',
      'PUT 204',
    ]);
    expect(raw.emulator.control.get(id)?.contact).toMatchObject({ company: 'Engines', addresses: [] });
    expect((await read(id)).match(/<CompanyName>/g)).toHaveLength(1);

    raw.clock.advance(1000);
    const current = renamed.kind === 'results' && renamed.results[0]?.kind === 'ok' ? renamed.results[0].record : undefined;
    if (current === undefined) throw new Error('no record');
    const cleared = await service().push({
      cursor: null,
      operations: [{ kind: 'update', opId: '3', base: current, contact: { ...current.contact, company: '' } }],
    });
    expect(cleared).toMatchObject({ kind: 'results', results: [{ kind: 'ok', record: { contact: { company: '' } } }] });
    expect(
      raw.emulator.control
        .log()
        .slice(5)
        .map((e) => `${e.method} ${e.status}`),
    ).toEqual(['GET 200', 'PUT 204', 'DELETE 204']);
    expect(await read(id)).toContain('<Locations></Locations>');
  });

  it('answers a CompanyName under Professional with 400 (written by earlier versions of the contract)', async () => {
    const response = await raw.request('POST', 'Contacts', {
      body: contactXml('Ada', '').replace('</Profiles>', '<Professional><CompanyName>AE</CompanyName></Professional></Profiles>'),
    });
    expect(response.status).toBe(400);
  });
});
