import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readCard } from '../../packages/adapters/src/carddav/vcard-card.js';
import { person, scenario, type Scenario } from './kit.js';
import { startServer, type CardDavServer } from './servers.js';

const crlf = (lines: string[]): string => `${lines.join('\r\n')}\r\n`;

/** A card as an Apple device writes it: grouped labels, a photo, a URL, X- properties. */
const APPLE_CARD = (uid: string): string =>
  crlf([
    'BEGIN:VCARD',
    'VERSION:3.0',
    'PRODID:-//Apple Inc.//iPhone OS 17.0//EN',
    `UID:${uid}`,
    'N:Example;Ann;;;',
    'FN:Ann Example',
    'item1.EMAIL;type=INTERNET;type=pref:ann@example.org',
    'item1.X-ABLabel:_$!<Other>!$_',
    'TEL;type=CELL;type=VOICE;type=pref:+1 555 0100',
    'item2.URL;type=pref:https://ann.example/',
    'item2.X-ABLabel:_$!<HomePage>!$_',
    'PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAMCAgICAgMCAgIDAwMDBAYEBAQEBAgGBgUGCQgKCgkICQkKDA8MCgsOCwkJDRENDg8QEBEQCgwS',
    ' ExMSEBMPEBAQ/9k=',
    'X-SOCIALPROFILE;type=twitter;x-user=ann:http://twitter.com/ann',
    'BDAY;X-APPLE-OMIT-YEAR=1604:1604-04-12',
    'END:VCARD',
  ]);

/** Properties as comparable data: name, group and parameters in lower case, value as parsed. */
function properties(text: string): string[] {
  const reading = readCard(text);
  if (!reading.ok) throw new Error(reading.problem);
  return reading.card.properties.map((p) =>
    JSON.stringify([
      p.jcard.name,
      Object.entries(p.jcard.params)
        .map(([k, v]) => [k.toLowerCase(), String(v).toLowerCase()])
        .sort(),
      p.jcard.values,
    ]),
  );
}

describe.each(['radicale', 'xandikos'] as const)('engine + CardDAV + %s: writing', (kind) => {
  let server: CardDavServer;
  let s: Scenario | null = null;
  beforeAll(async () => {
    server = await startServer(kind);
  });
  afterAll(async () => {
    await server.close();
  });
  afterEach(async () => {
    await s?.close();
    s = null;
  });

  it('merges an edit another client made between our read and our write (412), keeping both', async () => {
    s = await scenario(server, { seed: [person('Ann', { notes: 'original' })] });
    await s.engine.sync();
    const [ann] = await s.engine.contacts.list();
    const [card] = await s.remote.list(s.bookUrl);
    let raced = false;
    const sc = s;
    sc.network.beforeRequest = async (method) => {
      if (method !== 'PUT' || raced) return;
      raced = true;
      await sc.remote.update(card?.remoteId ?? '', { jobTitle: 'Remote title' });
    };
    await s.engine.contacts.update(ann?.id ?? '', { company: 'Local company' });
    s.network.log.length = 0;
    const report = await s.engine.sync();
    expect(report).toMatchObject({ outcome: 'ok', merged: 1, pending: 0 });
    expect(s.network.log).toEqual(['REPORT 207', 'PUT 412', 'GET 200', 'PUT ' + (kind === 'radicale' ? '201' : '204')]);
    const [after] = await s.remote.list(s.bookUrl);
    expect(after?.contact).toMatchObject({ company: 'Local company', jobTitle: 'Remote title', notes: 'original' });
    expect(await s.engine.contacts.get(ann?.id ?? '')).toMatchObject({ company: 'Local company', jobTitle: 'Remote title' });
    // The next delta lists our own write; it is not read again (the PUT's ETag is the stored one).
    s.network.log.length = 0;
    expect(await s.engine.sync()).toMatchObject({ outcome: 'ok', pulled: { added: 0, updated: 0 } });
    expect(s.network.log).toEqual(['REPORT 207']);
  });

  it('keeps our value of a field both sides changed, and logs the server one', async () => {
    s = await scenario(server, { seed: [person('Ann', { notes: 'original' })] });
    await s.engine.sync();
    const [ann] = await s.engine.contacts.list();
    const [card] = await s.remote.list(s.bookUrl);
    await s.remote.update(card?.remoteId ?? '', { notes: 'remote note' });
    await s.engine.contacts.update(ann?.id ?? '', { notes: 'local note' });
    const sc = s;
    sc.network.beforeRequest = null;
    expect(await s.engine.sync()).toMatchObject({ outcome: 'ok', pending: 0 });
    const [after] = await s.remote.list(s.bookUrl);
    expect(after?.contact.notes).toBe('local note');
    expect(await s.engine.conflicts()).toMatchObject([
      { contactId: ann?.id, fields: [{ path: 'notes', localValue: 'local note', remoteValue: 'remote note' }] },
    ]);
  });

  it('creates exactly one card when the answer to the create is lost', async () => {
    s = await scenario(server);
    await s.engine.sync();
    await s.engine.contacts.create(person('Once'));
    s.network.loseResponseOf = 'PUT';
    const first = await s.engine.sync();
    expect(first.outcome).not.toBe('ok');
    const second = await s.engine.sync();
    expect(second).toMatchObject({ outcome: 'ok', pending: 0 });
    const cards = await s.remote.list(s.bookUrl);
    expect(cards.map((c) => c.contact.name.given)).toEqual(['Once']);
    expect((await s.engine.contacts.list()).map((c) => c.name.given)).toEqual(['Once']);
  });

  it("keeps every property of another client's card it does not map (PHOTO, URL, X-, grouped labels) after our edit", async () => {
    s = await scenario(server);
    const path = `${new URL(s.bookUrl).pathname}apple-1.vcf`;
    expect((await s.remote.put(path, APPLE_CARD('apple-1'))).status).toBe(201);
    const before = (await s.remote.get(path)).text;
    await s.engine.sync();
    const [ann] = await s.engine.contacts.list();
    expect(ann).toMatchObject({ name: { given: 'Ann', family: 'Example' }, birthday: '--04-12' });
    await s.engine.contacts.update(ann?.id ?? '', { company: 'ACME' });
    expect(await s.engine.sync()).toMatchObject({ outcome: 'ok', pushed: { updated: 1 }, pending: 0 });
    const after = (await s.remote.get(path)).text;
    const added = properties(after).filter((p) => !properties(before).includes(p));
    expect(properties(before).filter((p) => !properties(after).includes(p))).toEqual([]);
    expect(added).toEqual([JSON.stringify(['org', [], ['ACME']])]);
    if (kind === 'xandikos') {
      // Xandikos stores bytes as sent: every line we did not change is byte for byte the original.
      expect(after).toBe(APPLE_CARD('apple-1').replace('END:VCARD', 'ORG:ACME\r\nEND:VCARD'));
    }
  });

  it('edits a vCard 4.0 card as 4.0 and creates new cards as 3.0', async () => {
    s = await scenario(server);
    const path = `${new URL(s.bookUrl).pathname}v4.vcf`;
    await s.remote.put(
      path,
      crlf([
        'BEGIN:VCARD',
        'VERSION:4.0',
        'UID:v4',
        'FN:Bo Four',
        'N:Four;Bo;;;',
        'BDAY:--0229',
        'RELATED;TYPE=friend:urn:uuid:03a0e51f-d1aa-4385-8a53-e29025acd8af',
        'END:VCARD',
      ]),
    );
    await s.engine.sync();
    const [bo] = await s.engine.contacts.list();
    expect(bo).toMatchObject({ name: { given: 'Bo', family: 'Four' }, birthday: '--02-29' });
    await s.engine.contacts.update(bo?.id ?? '', { birthday: '--03-01', phones: [{ type: 'mobile', number: '+1 555 0104' }] });
    await s.engine.contacts.create(person('Three'));
    expect(await s.engine.sync()).toMatchObject({ outcome: 'ok', pending: 0 });
    const cards = await s.remote.list(s.bookUrl);
    const four = cards.find((c) => c.remoteId === path);
    expect(four?.text).toMatch(/VERSION:4\.0/);
    expect(four?.text).toMatch(/RELATED;TYPE=friend:urn:uuid:03a0e51f/i);
    expect(four?.contact).toMatchObject({ birthday: '--03-01', phones: [{ type: 'mobile', number: '+1 555 0104' }] });
    expect(cards.find((c) => c.contact.name.given === 'Three')?.text).toMatch(/VERSION:3\.0/);
  });

  // Radicale refuses to store a card it cannot parse (400), so only Xandikos, which stores bytes, can hold one.
  it.runIf(kind === 'xandikos')('shows an unreadable card and never writes it back, while the rest of the book syncs', async () => {
    s = await scenario(server, { seed: [person('Ann')] });
    const path = `${new URL(s.bookUrl).pathname}broken.vcf`;
    await s.remote.put(path, crlf(['BEGIN:VCARD', 'VERSION:2.1', 'FN:Old Phone', 'N;ENCODING=QUOTED-PRINTABLE:=C3=A9;;;', 'END:VCARD']));
    // And one stored in Latin-1: the multiget answer is not UTF-8, so the batch is read card by card.
    const latin1 = Buffer.from(crlf(['BEGIN:VCARD', 'VERSION:3.0', 'UID:l1', 'FN:Ren\xe9 Latin', 'END:VCARD']), 'latin1');
    await s.remote.put(
      `${new URL(s.bookUrl).pathname}latin1.vcf`,
      new Uint8Array(latin1.buffer.slice(latin1.byteOffset, latin1.byteOffset + latin1.length)),
    );
    const pulled = await s.engine.sync();
    expect(pulled, JSON.stringify(s.network.log)).toMatchObject({ outcome: 'ok', pulled: { added: 3 } });
    const old = (await s.engine.contacts.list()).find((c) => c.name.given.startsWith('Old Phone'));
    expect(old).toBeDefined();
    await s.engine.contacts.update(old?.id ?? '', { company: 'X' });
    const report = await s.engine.sync();
    expect(report.rejected).toMatchObject([{ code: 'carddav.unreadable-card' }]);
    expect((await s.remote.get(path)).text).toContain('VERSION:2.1');
  });
});
