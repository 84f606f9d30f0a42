import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { BookSnapshot } from './book.js';

/** The emulator's optional JSON file: the book and its credentials, so a restarted emulator is the same service. */
export interface PersistedState {
  readonly format: 'windows-live-emulator/1';
  readonly lid: string;
  readonly token: string;
  readonly book: BookSnapshot;
}

function isSnapshot(value: unknown): value is BookSnapshot {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    Array.isArray(v['contacts']) &&
    Array.isArray(v['tombstones']) &&
    typeof v['resetAt'] === 'number' &&
    typeof v['lastChangeAt'] === 'number'
  );
}

/** The saved state, or null when there is no file yet. A file of another shape is an error, not a silent reset. */
export function loadState(path: string): PersistedState | null {
  if (!existsSync(path)) return null;
  const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
  const v = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as Record<string, unknown>;
  if (
    v['format'] !== 'windows-live-emulator/1' ||
    typeof v['lid'] !== 'string' ||
    typeof v['token'] !== 'string' ||
    !isSnapshot(v['book'])
  ) {
    throw new Error(`${path} is not a Windows Live emulator state file`);
  }
  return { format: 'windows-live-emulator/1', lid: v['lid'], token: v['token'], book: { ...v['book'], contacts: v['book'].contacts } };
}

/** Written to a temporary file and renamed, so a crash never leaves half a file. */
export function saveState(path: string, state: PersistedState): void {
  const temporary = `${path}.tmp`;
  writeFileSync(temporary, JSON.stringify(state));
  renameSync(temporary, path);
}
