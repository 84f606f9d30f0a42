/**
 * One client's runs in a process of its own, so its peak RSS is its own (as in memory-child.ts):
 * `node carddav-child.js <ChildJob JSON>`. An initial sync of the whole book into an empty store,
 * then `deltaReps` rounds of: `deltaChanges` cards rewritten by another client (not measured), and
 * a delta sync (measured). Prints one JSON line, a `ChildResult`.
 */
import { freshIndexedDb } from '../pipelines/fake-idb.js';
import type { BookConnection, ClientFactory, ClientId } from './bench-client.js';
import { countingFetch, newRequestMeter } from './counting-fetch.js';
import { davx5Client } from './davx5-client.js';
import { engineClient } from './engine-client.js';
import { changeCards } from './seed-book.js';
import { tsdavClient } from './tsdav-client.js';

export interface ChildJob {
  readonly client: ClientId;
  readonly book: BookConnection;
  readonly contacts: number;
  readonly deltaChanges: number;
  readonly deltaReps: number;
  /** Distinguishes this run's card changes from every other run's. */
  readonly tag: string;
}

export interface Run {
  readonly ms: number;
  readonly requests: number;
  /** Time from sending each request to its answer's headers, summed: the server's share. */
  readonly serverMs: number;
}

export interface ChildResult {
  readonly initial: Run;
  readonly deltas: readonly Run[];
  /** Peak RSS of the process after the initial sync (ru_maxrss). */
  readonly initialRssBytes: number;
}

const FACTORIES: Record<ClientId, ClientFactory> = { engine: engineClient, tsdav: tsdavClient, davx5: davx5Client };

const job = JSON.parse(process.argv[2] ?? 'null') as ChildJob | null;
if (job === null) throw new Error('usage: carddav-child <job JSON>');
const meter = newRequestMeter();
const client = FACTORIES[job.client](job.book, countingFetch(meter), freshIndexedDb());
const timed = async (step: () => Promise<number>, expected: number, what: string): Promise<Run> => {
  const before = { ...meter };
  const started = performance.now();
  const count = await step();
  const ms = performance.now() - started;
  if (count !== expected) throw new Error(`${job.client} ${what}: ${count}, expected ${expected}`);
  return { ms, requests: meter.requests - before.requests, serverMs: meter.serverMs - before.serverMs };
};
try {
  const initial = await timed(() => client.initial(), job.contacts, 'initial sync stored');
  // ru_maxrss: kilobytes on Linux.
  const initialRssBytes = process.resourceUsage().maxRSS * 1024;
  const deltas: Run[] = [];
  for (let round = 0; round < job.deltaReps; round++) {
    await changeCards(job.book, job.contacts, job.deltaChanges, round, job.tag);
    deltas.push(await timed(() => client.delta(), job.deltaChanges, `delta ${round} read`));
  }
  process.stdout.write(`${JSON.stringify({ initial, deltas, initialRssBytes } satisfies ChildResult)}\n`);
} finally {
  await client.close();
}
