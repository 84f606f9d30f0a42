import type { EmulatorHost } from '../host/host-client.js';
import type { PlainDelta } from '../providers/provider.js';
import type { KeptEngine } from './initial-sync.js';

export interface DeltaResult {
  readonly provider: string;
  readonly replica: number;
  readonly changes: number;
  readonly times: readonly number[];
  readonly requests: readonly number[];
  /** Of each sync's time, what was spent waiting on the network (the server computing the delta included). */
  readonly network: readonly number[];
  /** The plain loop's delta pull of the same changes, per run (services with a `plainDelta` only). */
  readonly plain?: readonly number[];
}

/**
 * Another device edits `changes` contacts; the kept engine (a replica of the whole book) syncs.
 * Each repetition edits different contacts. Time is the whole `sync()`: pull, an empty push, report.
 * With `plain`, a plain loop's replica pulls the same changes in the same run (which goes first
 * alternates), and closes at the end.
 */
export async function measureDeltaSync(
  provider: string,
  kept: KeptEngine,
  host: EmulatorHost,
  handle: number,
  replica: number,
  changes: number,
  reps: number,
  plain?: PlainDelta,
): Promise<DeltaResult> {
  const plainTimes: number[] = [];
  const times: number[] = [];
  const requests: number[] = [];
  const network: number[] = [];
  try {
    for (let rep = 0; rep < reps; rep++) {
      await host.edit(handle, changes, rep + 1);
      if (plain !== undefined && rep % 2 === 1) plainTimes.push(await plainPull(plain, changes));
      const before = kept.meter.requests;
      const waited = kept.meter.ms;
      const started = performance.now();
      const report = await kept.engine.sync();
      times.push(performance.now() - started);
      requests.push(kept.meter.requests - before);
      network.push(kept.meter.ms - waited);
      if (report.outcome !== 'ok' || report.pulled.updated !== changes) {
        throw new Error(`delta sync: ${report.outcome}, pulled ${JSON.stringify(report.pulled)}, expected ${changes} updated`);
      }
      if (plain !== undefined && rep % 2 === 0) plainTimes.push(await plainPull(plain, changes));
    }
  } finally {
    plain?.close();
  }
  return { provider, replica, changes, times, requests, network, ...(plain === undefined ? {} : { plain: plainTimes }) };
}

async function plainPull(plain: PlainDelta, changes: number): Promise<number> {
  const { ms, records } = await plain.pull();
  if (records !== changes) throw new Error(`plain delta: applied ${records} records, expected ${changes}`);
  return ms;
}
