import { seededRandom } from '@contactsync/core/testing';
import { windowsLive } from '@contactsync/adapters';
import { generateContacts, startWindowsLiveEmulator, type WindowsLiveEmulator } from '@contactsync/adapters/emulators';
import { createSyncEngine, toDraft, type ContactService, type SyncReport } from '@contactsync/core';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dumpDatabase } from '../bad-input/replica-dump.js';
import { abortThenReread, reshaped, replica } from '../streamed-body-kit.js';
import { fakeClock } from './kit.js';

/**
 * Issue 16: the whole book is read as it arrives and stored in pages. However the network cuts the
 * body (one chunk, or pieces of a few bytes that split multi-byte characters), the replica is the
 * same; a body cut short ends in a typed failure with no cursor stored.
 */

const BOOK = 2_600; // A first page of 500, one of 2,000, a last of 100 and the one below.

let emulator: WindowsLiveEmulator;
const clock = fakeClock();
beforeEach(async () => {
  emulator = await startWindowsLiveEmulator({ port: 0, clock: clock.now, quotas: { callsPerSecond: null, maxContacts: BOOK + 10 } });
  emulator.control.seed([...generateContacts(BOOK), toDraft({ name: { given: 'Zoë', family: '東京 😀' }, notes: 'Åström – ✓' })]);
  clock.advance(1_500);
});
afterEach(async () => {
  await emulator.close();
});

async function firstSync(
  pieces: number | null,
  keep?: number,
): Promise<{ report: SyncReport; pulls: number; dump: Record<string, unknown[]> }> {
  const adapter = windowsLive({
    baseUrl: emulator.url,
    lid: emulator.lid,
    token: emulator.token,
    fetch: async (url, init) => reshaped(await fetch(url, init), pieces, keep),
  });
  let pulls = 0;
  const service: ContactService = { ...adapter, pull: (request) => (pulls++, adapter.pull(request)) };
  const indexedDB = new IDBFactory();
  const engine = await createSyncEngine({ databaseName: 'book', service, indexedDB, IDBKeyRange, now: clock.now, random: seededRandom() });
  try {
    const report = await engine.sync();
    return { report, pulls, dump: await dumpDatabase('book', indexedDB) };
  } finally {
    await engine.close();
  }
}

describe('a whole book read as it streams', () => {
  it('gives the same replica from one network chunk and from pieces of 97 bytes, stored in pages', async () => {
    const whole = await firstSync(null);
    const pieces = await firstSync(97);
    expect(whole.report).toMatchObject({ outcome: 'ok', pulled: { added: BOOK + 1 } });
    expect(pieces.report).toMatchObject({ outcome: 'ok', pulled: { added: BOOK + 1 } });
    expect(pieces.pulls).toBe(3);
    expect(whole.pulls).toBe(3);
    expect(replica(pieces.dump)).toEqual(replica(whole.dump));
    const zoe = (pieces.dump.contacts as { name: { given: string; family: string }; notes: string }[]).find(
      (c) => c.notes === 'Åström – ✓',
    );
    expect(zoe).toMatchObject({ name: { family: '東京 😀' }, notes: 'Åström – ✓' });
    expect(typeof (replica(whole.dump) as { cursor: unknown }).cursor).toBe('string');
  });

  it('stops a book on abort; a continuation of it is refused, and a new pull reads the book from the start', async () => {
    const service = windowsLive({ baseUrl: emulator.url, lid: emulator.lid, token: emulator.token });
    const { pages, contacts } = await abortThenReread(service, { aborted: 'wl.aborted', lost: 'wl.connection-lost' });
    expect({ pages, contacts }).toEqual({ pages: 3, contacts: BOOK + 1 });
  });

  it('ends a body cut short in a typed failure: pages stored so far stay, no cursor, no report of success', async () => {
    const full = (
      await fetch(`${emulator.url}/users/@L@${emulator.lid}/rest/LiveContacts`, {
        headers: { Authorization: `DelegatedToken dt="${emulator.token}"` },
      })
    ).headers;
    expect(full.get('last-modified')).not.toBeNull();
    for (const pieces of [null, 97]) {
      const cut = await firstSync(pieces, 1_500_000);
      expect(cut.report.outcome).not.toBe('ok');
      expect(cut.report.error).toMatchObject({ code: 'wl.malformed-response' });
      expect(replica(cut.dump)).toMatchObject({ cursor: null, outbox: [], conflicts: [] });
      expect((cut.dump.contacts ?? []).length).toBeLessThan(BOOK);
    }
  });
});
