import { afterEach, describe, expect, it } from 'vitest';
import { toDraft } from '@contactsync/core';
import { FORMATS, startEngine } from './yahoo-kit.js';

const DAY = 24 * 60 * 60 * 1000;

describe.each(FORMATS)('Yahoo (%s): address-book-reset', (format) => {
  let kit: Awaited<ReturnType<typeof startEngine>> | null = null;
  afterEach(async () => {
    await kit?.close();
    kit = null;
  });

  it('rebuilds the replica from the reset and keeps the pending local changes', async () => {
    kit = await startEngine(format);
    const gone = kit.control.createContact(toDraft({ name: { given: 'Gone' } }));
    kit.control.createContact(toDraft({ name: { given: 'Edited' }, nickname: 'e' }));
    await kit.engine.sync();
    const edited = (await kit.engine.contacts.list()).find((c) => c.name.given === 'Edited');

    // Offline for a month: changes elsewhere fall out of the server's 30-day history.
    kit.clock.advance(DAY);
    kit.control.removeContact(gone);
    kit.control.createContact(toDraft({ name: { given: 'Arrived' } }));
    await kit.engine.contacts.update(edited?.id ?? '', { notes: 'pending edit' });
    await kit.engine.contacts.create({ name: { given: 'Pending' } });
    kit.clock.advance(31 * DAY);
    kit.control.clearLog();

    const report = await kit.engine.sync();
    expect(report).toMatchObject({ outcome: 'ok', pending: 0, pushed: { created: 1, updated: 1 } });
    // One delta request whose answer was the reset: no separate myrev=0 request was needed.
    expect(
      kit.control
        .log()
        .filter((l) => l.method === 'GET')
        .map((l) => l.query['myrev']),
    ).not.toContain('0');
    const names = (await kit.engine.contacts.list()).map((c) => c.name.given).sort();
    expect(names).toEqual(['Arrived', 'Edited', 'Pending']);
    expect(kit.control.listContacts().find((c) => c.contact.name.given === 'Edited')?.contact).toMatchObject({
      nickname: 'e',
      notes: 'pending edit',
    });
    expect(await kit.localDrafts()).toEqual(kit.serverDrafts());
  });

  it('rebuilds after the server book was reset by its operator', async () => {
    kit = await startEngine(format);
    kit.control.createContact(toDraft({ name: { given: 'Old' } }));
    await kit.engine.sync();
    kit.control.reset();
    kit.control.createContact(toDraft({ name: { given: 'New' } }));
    expect(await kit.engine.sync()).toMatchObject({ outcome: 'ok', pulled: { added: 1, removed: 1 } });
    expect(await kit.localDrafts()).toEqual(kit.serverDrafts());
  });
});
