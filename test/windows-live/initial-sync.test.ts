import { generateContacts } from '@contactsync/adapters/emulators';
import { afterEach, describe, expect, it } from 'vitest';
import { scenario, type Scenario } from './kit.js';

let s: Scenario;
afterEach(async () => {
  await s.close();
});

describe('initial sync and deltas (docs/windows-live.md §1.4)', () => {
  it('syncs 2,000 contacts as a whole book, then 2,000 remote edits as delta pages of at most 1,000', async () => {
    s = await scenario({ seed: generateContacts(2000) });
    s.clock.advance(1000);
    const first = await s.engine.sync();
    expect(first).toMatchObject({ outcome: 'ok', pulled: { added: 2000, updated: 0, removed: 0 }, pending: 0 });
    expect(s.requests()).toEqual(['GET 200']);
    expect(await s.engine.contacts.list()).toHaveLength(2000);

    // Another device edits every contact, 500 per second over four seconds.
    const ids = s.emulator.control.list().map((e) => e.remoteId);
    for (let second = 0; second < 4; second++) {
      s.clock.advance(1000);
      for (const id of ids.slice(second * 500, (second + 1) * 500)) s.emulator.control.update(id, { notes: `edited in second ${second}` });
    }
    s.clock.advance(1000);
    s.emulator.control.clearLog();
    const second = await s.engine.sync();
    expect(second).toMatchObject({ outcome: 'ok', pulled: { added: 0, updated: 2000, removed: 0 } });
    expect(s.requests()).toEqual(['GET 206', 'GET 206', 'GET 304']);
    const notes = new Set((await s.engine.contacts.list()).map((c) => c.notes));
    expect([...notes].sort()).toEqual([0, 1, 2, 3].map((n) => `edited in second ${n}`));
  });

  it('answers 304 when nothing changed, and a later sync sends nothing but that GET', async () => {
    s = await scenario({ seed: generateContacts(5) });
    s.clock.advance(1000);
    await s.engine.sync();
    s.clock.advance(5000);
    s.emulator.control.clearLog();
    const report = await s.engine.sync();
    expect(report).toMatchObject({
      outcome: 'ok',
      pulled: { added: 0, updated: 0, removed: 0 },
      pushed: { created: 0, updated: 0, removed: 0 },
    });
    expect(s.requests()).toEqual(['GET 304']);
  });

  it('applies remote deletes from tombstones', async () => {
    s = await scenario({ seed: generateContacts(3) });
    s.clock.advance(1000);
    await s.engine.sync();
    const [gone] = s.emulator.control.list();
    s.emulator.control.remove(gone?.remoteId ?? '');
    s.clock.advance(1000);
    const report = await s.engine.sync();
    expect(report.pulled).toEqual({ added: 0, updated: 0, removed: 1 });
    expect(await s.engine.contacts.list()).toHaveLength(2);
  });
});
