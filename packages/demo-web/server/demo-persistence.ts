import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RADICALE_BOOK_FOLDER } from './demo-radicale.js';

export type DemoAccountId = 'wl' | 'yahoo-xml' | 'yahoo-json' | 'graph' | 'carddav';

/** What survives a restart of the demo, and under which names. */
export interface DemoPersistence {
  /** The Windows Live emulator's state file (its book and credentials), or undefined: nothing kept. */
  readonly windowsLivePath: string | undefined;
  /** Whether that file held a book already: then the emulator is not seeded again. */
  readonly windowsLiveRestored: boolean;
  /** Where the CardDAV account's Radicale keeps its storage and user file, or undefined: a throwaway folder. */
  readonly radicaleDir: string | undefined;
  /** Whether that folder held the demo's book already: then Radicale is not seeded again. */
  readonly radicaleRestored: boolean;
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
 * `windows-live.json` (written by the emulator on every change), `radicale/` (the CardDAV account's
 * Radicale storage and user file) and `run-ids.json`.
 */
export function demoPersistence(stateDir: string | undefined): DemoPersistence {
  if (stateDir === undefined) {
    const id = newId();
    return {
      windowsLivePath: undefined,
      windowsLiveRestored: false,
      radicaleDir: undefined,
      radicaleRestored: false,
      runIds: { wl: id, 'yahoo-xml': id, 'yahoo-json': id, graph: id, carddav: id },
    };
  }
  mkdirSync(stateDir, { recursive: true });
  const windowsLivePath = join(stateDir, 'windows-live.json');
  const runIdsPath = join(stateDir, 'run-ids.json');
  const radicaleDir = join(stateDir, 'radicale');
  const windowsLiveRestored = existsSync(windowsLivePath);
  const radicaleRestored = existsSync(join(radicaleDir, RADICALE_BOOK_FOLDER));
  const kept = (id: DemoAccountId, restored: boolean): string =>
    (restored && existsSync(runIdsPath) ? readRunId(runIdsPath, id) : null) ?? newId();
  const runIds = {
    wl: kept('wl', windowsLiveRestored),
    'yahoo-xml': newId(),
    'yahoo-json': newId(),
    graph: newId(),
    carddav: kept('carddav', radicaleRestored),
  };
  writeFileSync(runIdsPath, JSON.stringify(runIds));
  return { windowsLivePath, windowsLiveRestored, radicaleDir, radicaleRestored, runIds };
}

function readRunId(path: string, id: DemoAccountId): string | null {
  try {
    const value: unknown = JSON.parse(readFileSync(path, 'utf8'));
    const runId = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[id] : undefined;
    return typeof runId === 'string' && /^[0-9a-f]{8}$/.test(runId) ? runId : null;
  } catch {
    return null;
  }
}
