import { afterEach, describe, expect, it } from 'vitest';
import type { ContactService, PullOutcome, PullRequest } from '../service/contact-service.js';
import { engineKit, person, type EngineKit } from './engine-test-kit.js';

/**
 * A service that reads its book in resumable snapshot pages of two, as the CardDAV adapter's fill
 * does: cursor `p:<index>` continues after that many records, the last page lists the whole book in
 * `present`. `cut` fails the pull that would start at that index (a crash or a lost network).
 */
function pagedService(book: Map<string, string>, log: (string | null)[], cut: { at: number | null }): ContactService {
  return {
    traits: { name: 'paged', retryMode: 'backoff', maxBatchSize: 10, categoryOperations: false },
    pull: async ({ cursor }: PullRequest): Promise<PullOutcome> => {
      log.push(cursor);
      const from = cursor?.startsWith('p:') === true ? Number(cursor.slice(2)) : 0;
      if (cut.at === from) return { kind: 'offline' };
      if (cursor === 'done') return { kind: 'not-modified' };
      const ids = [...book.keys()].sort();
      const slice = ids.slice(from, from + 2);
      const changes = slice.map((remoteId) => ({
        kind: 'upsert' as const,
        record: { remoteId, version: '1', contact: person(book.get(remoteId) ?? '') },
      }));
      const last = from + 2 >= ids.length;
      return last
        ? { kind: 'page', mode: 'snapshot', changes, cursor: 'done', more: false, present: ids }
        : { kind: 'page', mode: 'snapshot', changes, cursor: `p:${from + 2}`, more: true, resumable: true };
    },
    push: async (request) => ({
      kind: 'results',
      results: request.operations.map(() => ({ kind: 'failed', code: 'x', userMessage: 'x', maybeCommitted: false })),
    }),
  };
}

let kit: EngineKit;
const opened: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const engine of opened.splice(0)) await engine.close();
});

describe('a resumable snapshot', () => {
  it('stores the cursor of each page, so a new engine continues where the last one stopped', async () => {
    const book = new Map(['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((n) => [`r-${n}`, n.toUpperCase()]));
    const log: (string | null)[] = [];
    const cut = { at: 4 as number | null };
    kit = await engineKit({ service: () => pagedService(book, log, cut) });
    opened.push(kit.engine);
    expect(await kit.engine.sync()).toMatchObject({ outcome: 'offline', pulled: { added: 4 } });
    expect(await kit.engine.contacts.list()).toHaveLength(4);
    await kit.engine.close();
    opened.length = 0;

    cut.at = null;
    log.length = 0;
    const again = await kit.reopen();
    opened.push(again);
    expect(await again.sync()).toMatchObject({ outcome: 'ok', pulled: { added: 3, removed: 0 } });
    expect(log).toEqual(['p:4', 'p:6']);
    expect((await again.contacts.list()).map((c) => c.name.given).sort()).toEqual(['A', 'B', 'C', 'D', 'E', 'F', 'G']);
  });

  it('deletes what the whole snapshot no longer lists, counting `present` for pages of an earlier run', async () => {
    const book = new Map(['a', 'b', 'c', 'd', 'e', 'f'].map((n) => [`r-${n}`, n.toUpperCase()]));
    const log: (string | null)[] = [];
    const cut = { at: null as number | null };
    kit = await engineKit({ service: () => pagedService(book, log, cut) });
    opened.push(kit.engine);
    await kit.engine.sync();
    // A resync (the cursor is forgotten) interrupted after its first page; then r-f goes away.
    await kit.engine.close();
    opened.length = 0;
    cut.at = 2;
    const service = pagedService(book, log, cut);
    const resync: ContactService = {
      ...service,
      pull: (request) => service.pull(request.cursor === 'done' ? { ...request, cursor: 'restart' } : request),
    };
    const second = await kit.reopen(resync);
    opened.push(second);
    expect(await second.sync()).toMatchObject({ outcome: 'offline' });
    await second.close();
    opened.length = 0;
    book.delete('r-f');
    cut.at = null;
    const third = await kit.reopen(resync);
    opened.push(third);
    expect(await third.sync()).toMatchObject({ outcome: 'ok', pulled: { removed: 1 } });
    expect((await third.contacts.list()).map((c) => c.name.given).sort()).toEqual(['A', 'B', 'C', 'D', 'E']);
  });
});
