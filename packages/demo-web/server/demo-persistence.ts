import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export type DemoAccountId = 'wl' | 'yahoo-xml' | 'yahoo-json' | 'graph' | 'carddav';

/** What survives a restart of the demo, and under which names. */
export interface DemoPersistence {
  /** The Windows Live emulator's state file (its book and credentials), or undefined: nothing kept. */
  readonly windowsLivePath: string | undefined;
  /** Whether that file held a book already: then the emulator is not seeded again. */
  readonly windowsLiveRestored: boolean;
  /**
   * Each account's run id, part of its replica's database name. It stays the same while the
   * account's book is the same one (Windows Live, restored from its file), and is new when the book
   * starts again from its seed (Yahoo: its emulator keeps nothing between runs), so a replica is never
   * synced against a different book that happens to reuse its ids.
   */
  readonly runIds: Readonly<Record<DemoAccountId, string>>;
}

const newId = (): string => randomBytes(4).toString('hex');

/**
 * The demo's state directory (`stateDir`; none: nothing is kept, as in the tests). Holds
 * `windows-live.json` (written by the emulator on every change) and `run-ids.json`.
 */
export function demoPersistence(stateDir: string | undefined): DemoPersistence {
  if (stateDir === undefined) {
    const id = newId();
    return {
      windowsLivePath: undefined,
      windowsLiveRestored: false,
      runIds: { wl: id, 'yahoo-xml': id, 'yahoo-json': id, graph: id, carddav: id },
    };
  }
  mkdirSync(stateDir, { recursive: true });
  const windowsLivePath = join(stateDir, 'windows-live.json');
  const runIdsPath = join(stateDir, 'run-ids.json');
  const windowsLiveRestored = existsSync(windowsLivePath);
  const previous = windowsLiveRestored && existsSync(runIdsPath) ? readWl(runIdsPath) : null;
  const runIds = { wl: previous ?? newId(), 'yahoo-xml': newId(), 'yahoo-json': newId(), graph: newId(), carddav: newId() };
  writeFileSync(runIdsPath, JSON.stringify(runIds));
  return { windowsLivePath, windowsLiveRestored, runIds };
}

function readWl(path: string): string | null {
  try {
    const value: unknown = JSON.parse(readFileSync(path, 'utf8'));
    const wl = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)['wl'] : undefined;
    return typeof wl === 'string' && /^[0-9a-f]{8}$/.test(wl) ? wl : null;
  } catch {
    return null;
  }
}
