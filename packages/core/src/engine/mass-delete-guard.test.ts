import { afterEach, describe, expect, it } from 'vitest';
import type { ContactService, PullOutcome } from '../service/contact-service.js';
import { engineKit, person, type EngineKit } from './engine-test-kit.js';

/**
 * A service that answers every pull with a snapshot of its book, as a CardDAV adapter does after
 * the server forgot its sync token (a reset server, an expired token).
 */
function snapshotService(book: Map<string, string>): ContactService {
  let round = 0;
  return {
    traits: { name: 'snapshots', retryMode: 'backoff', maxBatchSize: 10, categoryOperations: false },
    pull: async (): Promise<PullOutcome> => ({
      kind: 'page',
      mode: 'snapshot',
      changes: [...book].map(([remoteId, given]) => ({ kind: 'upsert', record: { remoteId, version: '1', contact: person(given) } })),
      cursor: `round-${++round}`,
      more: false,
    }),
    push: async (request) => ({
      kind: 'results',
      results: request.operations.map(() => ({ kind: 'failed', code: 'x', userMessage: 'x', maybeCommitted: false })),
    }),
  };
}

let kit: EngineKit;
afterEach(() => kit.engine.close());

describe('mass-delete guard', () => {
  const names = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'];

  it('keeps the contacts a resync snapshot would mostly delete until the app confirms', async () => {
    const book = new Map(names.map((n, i) => [`r${i}`, n]));
    kit = await engineKit({ service: () => snapshotService(book) });
    expect(await kit.engine.sync()).toMatchObject({ outcome: 'ok', pulled: { added: 8 } });
    for (const id of ['r0', 'r1', 'r2', 'r3', 'r4']) book.delete(id);
    const refused = await kit.engine.sync();
    expect(refused).toMatchObject({ outcome: 'failed', error: { code: 'mass-delete-unconfirmed' }, pulled: { removed: 0 } });
    expect(refused.error?.userMessage).toContain('5 of your 8 contacts');
    expect(await kit.engine.contacts.list()).toHaveLength(8);
    expect(await kit.engine.sync()).toMatchObject({ outcome: 'failed', error: { code: 'mass-delete-unconfirmed' } });
    expect(await kit.engine.sync({ confirmMassDelete: true })).toMatchObject({ outcome: 'ok', pulled: { removed: 5 } });
    expect((await kit.engine.contacts.list()).map((c) => c.name.given).sort()).toEqual(['F', 'G', 'H']);
  });

  it('applies a snapshot that deletes half or less, or into a small book, without asking', async () => {
    const book = new Map(names.map((n, i) => [`r${i}`, n]));
    kit = await engineKit({ service: () => snapshotService(book) });
    await kit.engine.sync();
    for (const id of ['r0', 'r1', 'r2', 'r3']) book.delete(id);
    expect(await kit.engine.sync()).toMatchObject({ outcome: 'ok', pulled: { removed: 4 } });
    book.delete('r4');
    book.delete('r5');
    book.delete('r6');
    expect(await kit.engine.sync()).toMatchObject({ outcome: 'ok', pulled: { removed: 3 } });
  });
});
