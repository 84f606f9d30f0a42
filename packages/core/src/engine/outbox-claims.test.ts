import { describe, expect, it } from 'vitest';
import type { PushRequest, PushOutcome } from '../service/contact-service.js';
import { engineKit, person } from './engine-test-kit.js';

/** A push that waits until the test opens the gate, so another engine acts while it is out. */
function gate() {
  let open = (): void => undefined;
  let reached = (): void => undefined;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  const out = new Promise<void>((resolve) => {
    reached = resolve;
  });
  return { opened, out, open: () => open(), reached: () => reached() };
}

const names = (kit: { fake: { list(): { contact: { name: { given: string } } }[] } }) =>
  kit.fake
    .list()
    .map((c) => c.contact.name.given)
    .sort();

describe('outbox claims: two engines on one database, no Web Locks', () => {
  it('an entry one engine is sending is not sent by the other; each operation reaches the server once', async () => {
    const held = gate();
    let pushes = 0;
    const kit = await engineKit({
      engine: { locks: null },
      service: (fake) => ({
        traits: fake.traits,
        pull: (r) => fake.pull(r),
        push: async (r: PushRequest): Promise<PushOutcome> => {
          if (pushes++ === 0) {
            held.reached();
            await held.opened;
          }
          return fake.push(r);
        },
      }),
    });
    const other = await kit.reopen();
    const ann = kit.fake.remoteCreate(person('Ann'));
    await kit.engine.sync();
    const [local] = await kit.engine.contacts.list();
    await kit.engine.contacts.update(local!.id, { company: 'Acme' });
    await kit.engine.contacts.create(person('Ben'));

    const first = kit.engine.sync();
    await held.out; // the first engine's push is out
    const pushesBefore = kit.fake.log.filter((e) => e.call === 'push').length;
    const second = await other.sync();
    // The other engine found both entries claimed: it sent no write at all.
    expect(kit.fake.log.filter((e) => e.call === 'push').length).toBe(pushesBefore);
    expect(second.pushed).toEqual({ created: 0, updated: 0, removed: 0 });
    held.open();
    expect(await first).toMatchObject({ outcome: 'ok', pushed: { created: 1, updated: 1 } });
    await other.sync();
    expect(names(kit)).toEqual(['Ann', 'Ben']);
    expect(kit.fake.list().find((c) => c.remoteId === ann)?.contact.company).toBe('Acme');
    expect(await other.pendingChanges()).toEqual([]);
    await Promise.all([kit.engine.close(), other.close()]);
  });

  for (const committed of [false, true]) {
    it(`a claim whose engine died (request ${committed ? 'applied' : 'never arrived'}) is free after its lease; the create lands once`, async () => {
      let hung = (): void => undefined;
      const out = new Promise<void>((resolve) => {
        hung = resolve;
      });
      const kit = await engineKit({ engine: { locks: null, requestTimeoutMs: 60_000 } });
      await kit.engine.close();
      const dying = await kit.reopen({
        traits: kit.fake.traits,
        pull: (r) => kit.fake.pull(r),
        push: (r) => {
          if (committed) void kit.fake.push(r);
          hung();
          return new Promise<PushOutcome>(() => undefined); // the tab is gone: no answer, ever
        },
      });
      const survivor = await kit.reopen();
      await survivor.contacts.create(person('Cy'));
      const abandoned = dying.sync();
      await out;
      // Within the lease the survivor leaves the entry alone.
      kit.clock.advance(60_000);
      await survivor.sync();
      expect(kit.fake.log.filter((e) => e.call === 'push').length).toBe(committed ? 1 : 0);
      // Applied: the survivor's pull found it and adopted it. Not applied: it waits for the lease.
      if (committed) expect(await survivor.pendingChanges()).toEqual([]);
      else expect(await survivor.pendingChanges()).toMatchObject([{ status: 'ambiguous' }]);
      // Past the lease (timeout + 60 s) it is free; as a create it may have landed: looked for first.
      kit.clock.advance(61_000);
      const report = await survivor.sync();
      expect(report.outcome).toBe('ok');
      expect(names(kit)).toEqual(['Cy']);
      expect(await survivor.pendingChanges()).toEqual([]);
      await survivor.close();
      await dying.close();
      expect(await abandoned).toMatchObject({ error: { code: 'closed' } });
    });
  }
});
