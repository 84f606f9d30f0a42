import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { person, scenario, type Scenario } from './kit.js';
import { startServer, type CardDavServer } from './servers.js';

/** Engine scenarios over a real server: first sync, deltas, a forgotten sync token, a wrong password. */
describe.each(['radicale', 'xandikos'] as const)('engine + CardDAV + %s: pulling', (kind) => {
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

  // Both seeded straight into storage (kit.ts seedBook: Radicale's collection folder, Xandikos'
  // git work tree, committed), which takes about a second where 2,000 PUTs take a minute.
  const size = 2_000;

  it(`syncs a book of ${size} cards in one sync-collection and a multiget per 100 cards`, { timeout: 300_000 }, async () => {
    const seed = Array.from({ length: size }, (_, i) => person(`P${String(i).padStart(4, '0')}`, { notes: `card ${i}` }));
    s = await scenario(server, { seed });
    const report = await s.engine.sync();
    expect(report).toMatchObject({ outcome: 'ok', pulled: { added: size, updated: 0, removed: 0 }, pending: 0 });
    expect(s.network.log).toEqual(Array.from({ length: 1 + Math.ceil(size / 100) }, () => 'REPORT 207'));
    const local = await s.engine.contacts.list();
    expect(local.map((c) => c.name.given).sort()).toEqual(seed.map((c) => c.name.given));
    expect(local.find((c) => c.name.given === 'P1234')?.notes).toBe('card 1234');
  });

  it('applies remote edits and deletes as a delta, and an unchanged book as nothing', async () => {
    s = await scenario(server, { seed: ['Ann', 'Ben', 'Cy', 'Dee', 'Eve'].map((n) => person(n)) });
    await s.engine.sync();
    const cards = await s.remote.list(s.bookUrl);
    const path = (given: string): string => cards.find((c) => c.contact.name.given === given)?.remoteId ?? '';
    await s.remote.update(path('Ann'), { company: 'ACME' });
    await s.remote.update(path('Ben'), { jobTitle: 'Pilot' });
    await s.remote.remove(path('Cy'));
    await s.remote.remove(path('Dee'));
    s.network.log.length = 0;
    const report = await s.engine.sync();
    expect(report).toMatchObject({ outcome: 'ok', pulled: { added: 0, updated: 2, removed: 2 } });
    expect(s.network.log).toEqual(['REPORT 207', 'REPORT 207']);
    const local = await s.engine.contacts.list();
    expect(local.map((c) => c.name.given).sort()).toEqual(['Ann', 'Ben', 'Eve']);
    expect(local.find((c) => c.name.given === 'Ann')?.company).toBe('ACME');
    s.network.log.length = 0;
    expect(await s.engine.sync()).toMatchObject({ outcome: 'ok', pulled: { added: 0, updated: 0, removed: 0 } });
    expect(s.network.log).toEqual(['REPORT 207']);
  });

  it('lists the book again when the server refuses the sync token, losing nothing', async () => {
    s = await scenario(server, { seed: ['Ann', 'Ben', 'Cy'].map((n) => person(n)) });
    await s.engine.sync();
    const [ann] = (await s.engine.contacts.list()).filter((c) => c.name.given === 'Ann');
    await s.engine.contacts.update(ann?.id ?? '', { notes: 'local edit' });
    const bob = await s.remote.create(s.bookUrl, person('Bob'));
    // The server forgets our token (Radicale: 403 valid-sync-token; Xandikos: 500).
    let rewrites = 0;
    s.network.rewriteBody = (method, body) => {
      if (method !== 'REPORT' || !body.includes('<d:sync-token>') || body.includes('<d:sync-token></d:sync-token>') || rewrites > 0)
        return body;
      rewrites++;
      return body.replace(
        /<d:sync-token>[^<]*<\/d:sync-token>/,
        '<d:sync-token>http://radicale.org/ns/sync/0000000000000000000000000000000000000000</d:sync-token>',
      );
    };
    s.network.log.length = 0;
    const report = await s.engine.sync();
    expect(report).toMatchObject({ outcome: 'ok', pulled: { added: 1, removed: 0 }, pushed: { updated: 1 }, pending: 0 });
    expect(s.network.log.slice(0, 2)).toEqual([kind === 'radicale' ? 'REPORT 403' : 'REPORT 500', 'REPORT 207']);
    const onServer = await s.remote.list(s.bookUrl);
    expect(onServer.map((c) => c.contact.name.given).sort()).toEqual(['Ann', 'Ben', 'Bob', 'Cy']);
    expect(onServer.find((c) => c.remoteId === bob)).toBeDefined();
    expect(onServer.find((c) => c.contact.name.given === 'Ann')?.contact.notes).toBe('local edit');
    expect((await s.engine.contacts.list()).map((c) => c.name.given).sort()).toEqual(['Ann', 'Ben', 'Bob', 'Cy']);
  });

  it('asks before a resync that would delete most of the book applies it', async () => {
    s = await scenario(server, { seed: ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'].map((n) => person(n)) });
    await s.engine.sync();
    const cards = await s.remote.list(s.bookUrl);
    for (const card of cards.slice(0, 6)) await s.remote.remove(card.remoteId);
    // As after a server reset: the token is refused, the book is listed again.
    s.network.rewriteBody = (method, body) =>
      method === 'REPORT'
        ? body.replace(/<d:sync-token>[^<]+<\/d:sync-token>/, '<d:sync-token>http://radicale.org/ns/sync/0000</d:sync-token>')
        : body;
    const refused = await s.engine.sync();
    expect(refused).toMatchObject({ outcome: 'failed', error: { code: 'mass-delete-unconfirmed' } });
    expect(await s.engine.contacts.list()).toHaveLength(8);
    s.network.rewriteBody = null;
    expect(await s.engine.sync({ confirmMassDelete: true })).toMatchObject({ outcome: 'ok', pulled: { removed: 6 } });
    expect(await s.engine.contacts.list()).toHaveLength(2);
  });

  it('stops at auth-required on a wrong password, after one request', async () => {
    s = await scenario(server, { seed: [person('Ann')], password: 'wrong' });
    const report = await s.engine.sync();
    expect(report).toMatchObject({ outcome: 'auth-required', error: { code: 'carddav.unauthorized' } });
    expect(s.network.log).toEqual(['REPORT 401']);
    expect(report.error?.userMessage).not.toMatch(/401|REPORT|http/i);
  });
});
