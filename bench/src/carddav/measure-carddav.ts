import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { CLIENT_IDS, type ClientId } from './bench-client.js';
import type { ChildJob, ChildResult } from './carddav-child.js';
import { startSeeded, type ServerKind } from './seed-book.js';

const run = promisify(execFile);

export interface CardDavPlan {
  /** Book sizes per server: Xandikos only where it can hold them (its multiget cost grows with the book). */
  readonly servers: readonly { readonly kind: ServerKind; readonly sizes: readonly number[] }[];
  /** Processes per client and book size (each one initial sync, then the delta rounds). */
  readonly reps: (contacts: number) => number;
  readonly deltaChanges: number;
  readonly deltaReps: number;
}

export function cardDavPlan(quick: boolean): CardDavPlan {
  if (quick) {
    return {
      servers: [
        { kind: 'radicale', sizes: [200, 1_000] },
        { kind: 'xandikos', sizes: [100] },
      ],
      reps: () => 1,
      deltaChanges: 10,
      deltaReps: 2,
    };
  }
  return {
    servers: [
      { kind: 'radicale', sizes: [1_000, 10_000] },
      // 1,000 cards: one multiget of all of them takes Xandikos 0.2.8 about 7 s (CARDDAV-SERVERS.md).
      { kind: 'xandikos', sizes: [1_000] },
    ],
    reps: (n) => (n <= 1_000 ? 3 : 1),
    deltaChanges: 10,
    deltaReps: 3,
  };
}

export interface CardDavResult {
  readonly server: ServerKind;
  readonly contacts: number;
  readonly client: ClientId;
  readonly runs: readonly ChildResult[];
  /** Why a run failed (the client's own error), or null; a failed run adds nothing to `runs`. */
  readonly failure: string | null;
  /** Writing the book and starting the server; the first (unmeasured) listing. */
  readonly seedMs: number;
  readonly warmMs: number;
}

/** A run's result, or the first error line its process printed (e.g. tsdav on a server it fails with). */
async function child(job: ChildJob): Promise<ChildResult | string> {
  const script = fileURLToPath(new URL('./carddav-child.js', import.meta.url));
  try {
    const { stdout } = await run(process.execPath, [script, JSON.stringify(job)], { maxBuffer: 1024 * 1024 });
    return JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as ChildResult;
  } catch (error) {
    const stderr = (error as { stderr?: unknown }).stderr;
    const line = typeof stderr === 'string' ? stderr.split('\n').find((l) => /^\w*Error: /.test(l)) : undefined;
    return (line ?? String(error)).replace(/\. Raw response:.*$/, '').slice(0, 120);
  }
}

/**
 * Every client against each seeded server, each run in a fresh process, the order of the clients
 * rotating between repetitions so none always meets the warmest server.
 */
export async function measureCardDav(plan: CardDavPlan, log: (line: string) => void): Promise<CardDavResult[]> {
  const results: CardDavResult[] = [];
  for (const { kind, sizes } of plan.servers) {
    for (const contacts of sizes) {
      const seeded = await startSeeded(kind, contacts);
      log(
        `${kind} ${contacts.toLocaleString('en-US')}: seeded in ${seeded.seedMs.toFixed(0)} ms, first listing ${seeded.warmMs.toFixed(0)} ms`,
      );
      const runs = new Map<ClientId, ChildResult[]>(CLIENT_IDS.map((id) => [id, []]));
      const failures = new Map<ClientId, string>();
      try {
        for (let rep = 0; rep < plan.reps(contacts); rep++) {
          const order = CLIENT_IDS.map((_, i) => CLIENT_IDS[(i + rep) % CLIENT_IDS.length] as ClientId);
          for (const client of order) {
            const tag = `${client}-${rep}`;
            const { deltaChanges, deltaReps } = plan;
            const result = await child({ client, book: seeded.book, contacts, deltaChanges, deltaReps, tag });
            if (typeof result === 'string') {
              if (!failures.has(client)) failures.set(client, result);
              log(`  ${client} run ${rep + 1}: failed: ${result}`);
              continue;
            }
            runs.get(client)?.push(result);
            log(`  ${client} run ${rep + 1}: initial ${result.initial.ms.toFixed(0)} ms, ${result.initial.requests} requests`);
          }
        }
      } finally {
        await seeded.server.close();
      }
      for (const client of CLIENT_IDS) {
        const failure = failures.get(client) ?? null;
        results.push({
          server: kind,
          contacts,
          client,
          runs: runs.get(client) ?? [],
          failure,
          seedMs: seeded.seedMs,
          warmMs: seeded.warmMs,
        });
      }
    }
  }
  return results;
}
