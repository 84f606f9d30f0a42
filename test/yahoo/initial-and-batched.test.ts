import { afterEach, describe, expect, it } from 'vitest';
import { syntheticContacts } from '@contactsync/adapters/emulators';
import { FORMATS, startEngine } from './yahoo-kit.js';

describe.each(FORMATS)('Yahoo (%s): initial sync and batched push', (format) => {
  let kit: Awaited<ReturnType<typeof startEngine>> | null = null;
  afterEach(async () => {
    await kit?.close();
    kit = null;
  });

  it('pulls a book of 2,000 contacts in one request and holds exactly what the server holds', async () => {
    kit = await startEngine(format, { seedContacts: syntheticContacts(2000) });
    const report = await kit.engine.sync();
    expect(report).toMatchObject({ outcome: 'ok', pulled: { added: 2000, updated: 0, removed: 0 }, pending: 0, error: null });
    expect(kit.control.log().map((l) => `${l.method} ${l.query['myrev'] ?? ''}`)).toEqual(['GET 0']);
    expect(await kit.localDrafts()).toEqual(kit.serverDrafts());
    // The book is unchanged: the next sync is a not-modified.
    expect((await kit.engine.sync()).pulled).toEqual({ added: 0, updated: 0, removed: 0 });
  });

  it('sends offline edits as one batched POST once back online', async () => {
    kit = await startEngine(format, { seedContacts: syntheticContacts(10) });
    await kit.engine.sync();
    const [a, b, c, d, e] = await kit.engine.contacts.list();
    kit.network.offline = true;
    for (let i = 0; i < 5; i++)
      await kit.engine.contacts.create({
        name: { given: `Offline${i}`, family: 'Tom & Jerry' },
        emails: [{ address: `o${i}@example.org` }],
        categories: ['Offline'],
      });
    await kit.engine.contacts.update(a?.id ?? '', { notes: 'edited <offline> & "quoted"' });
    await kit.engine.contacts.update(b?.id ?? '', (draft) => {
      draft.phones.push({ type: 'work', number: '+1 555 0100' });
    });
    await kit.engine.contacts.update(c?.id ?? '', { categories: ['Work'] });
    await kit.engine.contacts.remove(d?.id ?? '');
    await kit.engine.contacts.remove(e?.id ?? '');

    const offline = await kit.engine.sync();
    expect(offline).toMatchObject({ outcome: 'offline', pending: 10 });
    expect(kit.posts()).toHaveLength(0);

    kit.network.offline = false;
    const report = await kit.engine.sync();
    expect(report).toMatchObject({ outcome: 'ok', pushed: { created: 5, updated: 3, removed: 2 }, pending: 0, rejected: [] });
    expect(kit.posts()).toHaveLength(1);
    expect(kit.posts()[0]?.nestedCodes).toEqual([]);
    expect(await kit.localDrafts()).toEqual(kit.serverDrafts());
    expect(kit.control.listContacts()).toHaveLength(13);
  });
});
