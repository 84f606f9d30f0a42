import { generateContacts } from '@contactsync/adapters/emulators';
import { toDraft } from '@contactsync/core';
import { afterEach, describe, expect, it } from 'vitest';
import { graphScenario, type GraphScenario } from './graph-kit.js';

let s: GraphScenario;
afterEach(async () => {
  await s.close();
});

/** The replica as comparable `(given family) -> notes` pairs, and the server's the same way. */
async function replicaView(): Promise<string[]> {
  return (await s.engine.contacts.list()).map((c) => `${c.name.given} ${c.name.family}|${c.notes}|${c.company}`).sort();
}
function serverView(): string[] {
  return s.emulator.control
    .list()
    .map((e) => `${e.contact.name.given} ${e.contact.name.family}|${e.contact.notes}|${e.contact.company}`)
    .sort();
}

describe('initial sync', () => {
  it('takes 2,000 contacts over several delta pages, following empty pages, replays and shuffled items', async () => {
    s = await graphScenario({
      seed: generateContacts(2_000, 7),
      settings: { replay: true, shuffle: true, emptyPages: 2 },
      adapter: { pageSize: 150 },
    });
    const report = await s.engine.sync();
    expect(report).toMatchObject({ outcome: 'ok', pulled: { added: 2_000 } });
    expect(await s.engine.contacts.list()).toHaveLength(2_000);
    const pages = s.requests().filter((r) => r.startsWith('GET /me/contacts/delta 200'));
    // 2 empty pages, then ceil(2000 / 150) = 14 pages of items.
    expect(pages).toHaveLength(16);
    expect(await replicaView()).toEqual(serverView());

    s.emulator.control.clearLog();
    expect(await s.engine.sync()).toMatchObject({ outcome: 'ok', pulled: { added: 0, updated: 0, removed: 0 } });
  });
});

describe('delta rounds', () => {
  it('applies partial items (read whole), removals of both reasons, replays and shuffles idempotently', async () => {
    s = await graphScenario({
      seed: generateContacts(60, 3),
      settings: { partialUpdates: true, replay: true, shuffle: true },
      adapter: { pageSize: 7 },
    });
    await s.engine.sync();
    const ids = s.emulator.control.list().map((e) => e.remoteId);
    for (const id of ids.slice(0, 10)) s.emulator.control.update(id, { notes: `edited ${id}` });
    for (const id of ids.slice(10, 13)) s.emulator.control.remove(id, 'deleted');
    for (const id of ids.slice(13, 15)) s.emulator.control.remove(id, 'changed');
    s.emulator.control.create(toDraft({ name: { given: 'Newly', family: 'Added' } }));

    const report = await s.engine.sync();
    expect(report).toMatchObject({ outcome: 'ok', pulled: { added: 1, updated: 10, removed: 5 } });
    expect(await replicaView()).toEqual(serverView());
    // Partial items carry only `notes`: nothing else of those contacts was blanked.
    const edited = (await s.engine.contacts.list()).filter((c) => c.notes.startsWith('edited '));
    expect(edited).toHaveLength(10);
    expect(edited.every((c) => c.name.given !== '' && c.emails.length > 0)).toBe(true);
    // Each partial item was completed by a batched GET.
    expect(s.emulator.control.log().filter((e) => e.inBatch && e.method === 'GET').length).toBeGreaterThanOrEqual(10);
  });

  it('sends only what changed, so Graph properties the app does not map survive an edit', async () => {
    s = await graphScenario({ seed: [toDraft({ name: { given: 'Ada', family: 'Lovelace' }, emails: [{ address: 'ada@example.org' }] })] });
    await s.engine.sync();
    const [entry] = s.emulator.control.list();
    s.emulator.control.patchWire(entry?.remoteId as string, {
      department: 'Analytical Engines',
      children: ['Byron'],
      emailAddresses: [{ name: 'Ada L.', address: 'ada@example.org' }],
    });
    await s.engine.sync();
    const [local] = await s.engine.contacts.list();
    await s.engine.contacts.update(local?.id as string, {
      company: 'Babbage & Co',
      emails: [
        { type: 'personal', address: 'ada@example.org' },
        { type: 'personal', address: 'ada@engines.example' },
      ],
    });
    expect(await s.engine.sync()).toMatchObject({ outcome: 'ok', pushed: { updated: 1 } });
    const wire = s.emulator.control.wire(entry?.remoteId as string);
    expect(wire).toMatchObject({ companyName: 'Babbage & Co', department: 'Analytical Engines', children: ['Byron'] });
    // The display name Graph kept beside the address is written back with the list.
    expect(wire?.['emailAddresses']).toEqual([
      { address: 'ada@example.org', name: 'Ada L.' },
      { address: 'ada@engines.example', name: 'ada@engines.example' },
    ]);
  });
});
