import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Connection } from '../providers/provider.js';

const run = promisify(execFile);

export interface MemoryResult {
  readonly provider: string;
  readonly contacts: number;
  readonly engineRss: readonly number[];
  readonly plainRss: readonly number[];
  readonly engineMs: readonly number[];
  readonly plainMs: readonly number[];
}

async function child(mode: 'engine' | 'plain', connection: Connection, contacts: number): Promise<{ maxRssBytes: number; ms: number }> {
  const script = fileURLToPath(new URL('../memory-child.js', import.meta.url));
  const { stdout } = await run(process.execPath, [script, mode, connection.provider, JSON.stringify(connection), String(contacts)], {
    maxBuffer: 1024 * 1024,
  });
  const last = stdout.trim().split('\n').at(-1) ?? '';
  return JSON.parse(last) as { maxRssBytes: number; ms: number };
}

/** Peak RSS of the engine's and the plain loop's initial sync, each in a fresh process (alternating). */
export async function measureMemory(label: string, connection: Connection, contacts: number, reps: number): Promise<MemoryResult> {
  const engineRss: number[] = [];
  const plainRss: number[] = [];
  const engineMs: number[] = [];
  const plainMs: number[] = [];
  for (let rep = 0; rep < reps; rep++) {
    for (const mode of rep % 2 === 0 ? (['plain', 'engine'] as const) : (['engine', 'plain'] as const)) {
      const result = await child(mode, connection, contacts);
      (mode === 'engine' ? engineRss : plainRss).push(result.maxRssBytes);
      (mode === 'engine' ? engineMs : plainMs).push(result.ms);
    }
  }
  return { provider: label, contacts, engineRss, plainRss, engineMs, plainMs };
}
