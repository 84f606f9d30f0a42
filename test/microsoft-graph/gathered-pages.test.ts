import { generateContacts } from '@contactsync/adapters/emulators';
import type { PullPage, RemoteChange } from '@contactsync/core';
import { afterEach, describe, expect, it } from 'vitest';
import { graphScenario, type GraphScenario } from './graph-kit.js';

let s: GraphScenario;
afterEach(async () => {
  await s.close();
});

const idOf = (c: RemoteChange): string => (c.kind === 'delete' ? c.remoteId : c.record.remoteId);

/** Every page of one round, pulled straight from the adapter. */
async function round(): Promise<PullPage[]> {
  const pages: PullPage[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 100; i++) {
    const outcome = await s.service.pull({ cursor, consistency: 'delta' });
    if (outcome.kind !== 'page') throw new Error(`pull: ${outcome.kind}`);
    pages.push(outcome);
    cursor = outcome.cursor;
    if (!outcome.more) return pages;
  }
  throw new Error('the round never ended');
}

describe('pages given to the engine (docs/microsoft-graph.md, "Delta")', () => {
  it('hands over the first server page at once, then gathers server pages up to 2,000 changes, each contact once', async () => {
    s = await graphScenario({ seed: generateContacts(5_000, 11), settings: { replay: true, shuffle: true }, adapter: { pageSize: 200 } });
    const pages = await round();
    const sizes = pages.map((p) => p.changes.length);
    expect(sizes[0]).toBeLessThanOrEqual(200);
    // After the first: at least 2,000 per page except the last; replays inside a page count once.
    for (const size of sizes.slice(1, -1)) expect(size).toBeGreaterThanOrEqual(2_000);
    for (const page of pages) expect(new Set(page.changes.map(idOf)).size).toBe(page.changes.length);
    expect(new Set(pages.flatMap((p) => p.changes.map(idOf))).size).toBe(5_000);
    // 5,000 contacts in server pages of 200 (plus replays) reach the engine in a handful of pages.
    expect(pages.length).toBeLessThanOrEqual(5);
    expect(s.requests().filter((r) => r.startsWith('GET /me/contacts/delta 200')).length).toBeGreaterThanOrEqual(25);
  });
});
