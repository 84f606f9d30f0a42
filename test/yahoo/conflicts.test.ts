import { afterEach, describe, expect, it } from 'vitest';
import { toDraft } from '@contactsync/core';
import { FORMATS, startEngine } from './yahoo-kit.js';

/**
 * Revision conflicts (docs/yahoo.md §2.2): another device's edit lands between this engine's pull and
 * its push (staged with the emulator's `beforeNext`), the nested error comes back with the newer
 * state in the same response, the engine merges and resubmits against the new myrev.
 */
describe.each(FORMATS)('Yahoo (%s): conflicts', (format) => {
  let kit: Awaited<ReturnType<typeof startEngine>> | null = null;
  afterEach(async () => {
    await kit?.close();
    kit = null;
  });

  async function ready() {
    kit = await startEngine(format);
    const cid = kit.control.createContact(
      toDraft({ name: { given: 'Ann', family: 'Lee' }, nickname: 'annie', company: 'Old Co', emails: [{ address: 'ann@example.org' }] }),
    );
    await kit.engine.sync();
    const [local] = await kit.engine.contacts.list();
    if (local === undefined) throw new Error('not pulled');
    return { kit, cid, id: local.id };
  }

  it('-40902: different fields changed on both sides end merged on the server', async () => {
    const { kit, cid, id } = await ready();
    await kit.engine.contacts.update(id, {
      notes: 'mine',
      emails: [
        { type: 'personal', address: 'ann@example.org' },
        { type: 'work', address: 'ann@work.example' },
      ],
    });
    kit.control.beforeNext({ method: 'POST' }, () =>
      kit.control.updateContact(cid, { company: 'Theirs Inc', phones: [{ type: 'mobile', number: '+44 1' }] }),
    );
    const report = await kit.engine.sync();
    expect(kit.posts().map((p) => p.nestedCodes)).toEqual([[-40902], []]);
    expect(report).toMatchObject({ outcome: 'ok', pending: 0 });
    expect(report.merged).toBeGreaterThanOrEqual(1);
    expect(kit.control.getContact(cid)).toMatchObject({
      notes: 'mine',
      company: 'Theirs Inc',
      phones: [{ type: 'mobile', number: '+44 1' }],
      emails: [
        { type: 'personal', address: 'ann@example.org' },
        { type: 'work', address: 'ann@work.example' },
      ],
    });
    expect(await kit.localDrafts()).toEqual(kit.serverDrafts());
  });

  it('-40904: the same field changed on both sides keeps the local value on the server and logs theirs', async () => {
    const { kit, cid, id } = await ready();
    await kit.engine.contacts.update(id, { nickname: 'mine' });
    kit.control.beforeNext({ method: 'POST' }, () => kit.control.updateContact(cid, { nickname: 'theirs' }));
    const report = await kit.engine.sync();
    expect(kit.posts().map((p) => p.nestedCodes)).toEqual([[-40904], []]);
    expect(report).toMatchObject({ outcome: 'ok', pending: 0 });
    expect(kit.control.getContact(cid)?.nickname).toBe('mine');
    expect(await kit.localDrafts()).toEqual(kit.serverDrafts());
    const conflicts = await kit.engine.conflicts();
    expect(conflicts).toMatchObject([{ kind: 'overwritten', fields: [{ path: 'nickname', localValue: 'mine', remoteValue: 'theirs' }] }]);
  });

  it('-40902 on a delete of a contact edited elsewhere keeps it with their edits', async () => {
    const { kit, cid, id } = await ready();
    await kit.engine.contacts.remove(id);
    kit.control.beforeNext({ method: 'POST' }, () => kit.control.updateContact(cid, { notes: 'still needed' }));
    const report = await kit.engine.sync();
    expect(kit.posts().map((p) => p.nestedCodes)).toEqual([[-40902]]);
    expect(report.outcome).toBe('ok');
    expect(kit.control.getContact(cid)?.notes).toBe('still needed');
    expect(await kit.localDrafts()).toEqual(kit.serverDrafts());
  });

  it('-40903: a category renamed here and elsewhere at once converges on the local name', async () => {
    kit = await startEngine(format);
    const k = kit;
    const ann = k.control.createContact(toDraft({ name: { given: 'Ann' }, categories: ['Friends'] }));
    const ben = k.control.createContact(toDraft({ name: { given: 'Ben' }, categories: ['Friends', 'Work'] }));
    await k.engine.sync();
    expect(await k.engine.categories.rename('Friends', 'Pals')).toBe(2);
    k.control.beforeNext({ method: 'POST' }, () => k.control.renameCategory('Friends', 'Buddies'));
    const report = await k.engine.sync();
    expect(k.posts().map((p) => p.nestedCodes)).toEqual([[-40903], []]);
    expect(report).toMatchObject({ outcome: 'ok', pending: 0 });
    expect(
      k.control
        .categories()
        .map((c) => c.name)
        .sort(),
    ).toEqual(['Pals', 'Work']);
    expect(k.control.getContact(ann)?.categories).toEqual(['Pals']);
    expect([...(k.control.getContact(ben)?.categories ?? [])].sort()).toEqual(['Pals', 'Work']);
    expect(await k.localDrafts()).toEqual(k.serverDrafts());
    // The rename elsewhere was seen in a push response: the next pull rebuilds, and all agree.
    const after = await k.engine.sync();
    expect(after.outcome).toBe('ok');
    expect(await k.localDrafts()).toEqual(k.serverDrafts());
  });

  it('a category renamed elsewhere reaches every member through a snapshot', async () => {
    kit = await startEngine(format);
    kit.control.createContact(toDraft({ name: { given: 'Ann' }, categories: ['Friends'] }));
    kit.control.createContact(toDraft({ name: { given: 'Ben' }, categories: ['Friends'] }));
    await kit.engine.sync();
    kit.control.renameCategory('Friends', 'Buddies');
    await kit.engine.sync();
    expect((await kit.engine.contacts.list()).map((c) => c.categories)).toEqual([['Buddies'], ['Buddies']]);
  });
});
