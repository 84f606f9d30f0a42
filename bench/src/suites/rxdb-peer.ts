import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { StageTimes } from '../pipelines/stages.js';
import type { Connection } from '../providers/provider.js';

const run = promisify(execFile);

/** RxDB's initial syncs, run in a child process (see rxdb-child.ts for why). */
export async function measureRxdb(connection: Connection, contacts: number, reps: number): Promise<StageTimes[]> {
  const script = fileURLToPath(new URL('../rxdb-child.js', import.meta.url));
  try {
    const { stdout } = await run(
      process.execPath,
      ['--expose-gc', script, connection.provider, JSON.stringify(connection), String(contacts), String(reps)],
      { maxBuffer: 16 * 1024 * 1024 },
    );
    return JSON.parse(stdout.trim().split('\n').at(-1) ?? '[]') as StageTimes[];
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? '';
    const reason = stderr.split('\n').find((l) => /Error/.test(l)) ?? (error instanceof Error ? error.message : String(error));
    throw new Error(reason.trim());
  }
}
