import type { ClientProvider, Connection } from '../providers/provider.js';
import { engineInitialSync } from '../pipelines/engine-initial-sync.js';
import { freshIndexedDb } from '../pipelines/fake-idb.js';

export interface PushResult {
  readonly provider: string;
  readonly updates: number;
  readonly ms: number;
  readonly requests: number;
  readonly byMethod: string;
  readonly pushed: number;
}

/**
 * A synced replica of `updates` contacts; every one is edited offline (queued), then one `sync()`
 * pushes them. Time and requests are the whole sync's (its pull finds nothing new).
 */
export async function measurePush(provider: ClientProvider, connection: Connection, updates: number): Promise<PushResult> {
  const run = await engineInitialSync(provider, connection, freshIndexedDb(), 'push', true);
  const engine = run.engine;
  if (engine === null) throw new Error('push: engine not kept');
  try {
    const contacts = await engine.contacts.list();
    for (const [i, contact] of contacts.slice(0, updates).entries()) {
      await engine.contacts.update(contact.id, { notes: `Queued offline edit ${i}.` });
    }
    const before = run.meter.requests;
    const methods = new Map(run.meter.byMethod);
    const started = performance.now();
    const report = await engine.sync();
    const ms = performance.now() - started;
    if (report.outcome !== 'ok') throw new Error(`push: ${report.outcome} ${report.error?.code ?? ''}`);
    const byMethod = [...run.meter.byMethod]
      .map(([method, n]) => [method, n - (methods.get(method) ?? 0)] as const)
      .filter(([, n]) => n > 0)
      .map(([method, n]) => `${n} ${method}`)
      .join(', ');
    return { provider: provider.label, updates, ms, requests: run.meter.requests - before, byMethod, pushed: report.pushed.updated };
  } finally {
    await engine.close();
  }
}
