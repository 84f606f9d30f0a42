import { microsoftGraph } from '@contactsync/adapters';
import { toDraft } from '@contactsync/core';
import { afterEach, describe, expect, it } from 'vitest';
import { graphScenario, type GraphScenario } from './graph-kit.js';

let s: GraphScenario;
afterEach(async () => {
  await s.close();
});

describe('pushing many writes', () => {
  it('sends them in $batches of at most twenty, never more than four requests at once', async () => {
    // Latency keeps requests in flight long enough that a fifth concurrent one would be refused.
    s = await graphScenario({ settings: { maxConcurrent: 4 } });
    await s.engine.sync();
    for (let i = 0; i < 100; i++) await s.engine.contacts.create(toDraft({ name: { given: `Person${i}`, family: 'Batch' } }));
    s.emulator.control.clearLog();
    s.emulator.control.setLatency(15);
    const report = await s.engine.sync();
    expect(report).toMatchObject({ outcome: 'ok', pushed: { created: 100 }, pending: 0 });
    const log = s.emulator.control.log();
    expect(log.filter((e) => e.status === 429)).toEqual([]);
    expect(log.filter((e) => !e.inBatch && e.path.endsWith('/$batch')).length).toBe(5);
    expect(log.filter((e) => e.inBatch && e.method === 'POST').length).toBe(100);
    expect(s.emulator.control.list()).toHaveLength(100);
  });

  it('an update that changes nothing Graph stores is done without a request', async () => {
    s = await graphScenario({ seed: [toDraft({ name: { given: 'Ann' } })] });
    const service = microsoftGraph({ baseUrl: s.emulator.url, getAccessToken: () => s.emulator.control.token() });
    const page = await service.pull({ cursor: null, consistency: 'delta' });
    const base = page.kind === 'page' && page.changes[0]?.kind === 'upsert' ? page.changes[0].record : null;
    expect(base).not.toBeNull();
    if (base === null) return;
    s.emulator.control.clearLog();
    const outcome = await service.push({ operations: [{ kind: 'update', opId: 'u', base, contact: { ...base.contact } }], cursor: null });
    expect(outcome).toEqual({ kind: 'results', results: [{ kind: 'ok', record: base }] });
    expect(s.emulator.control.log()).toEqual([]);
  });
});
