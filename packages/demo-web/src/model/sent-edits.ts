import type { ContactDraft } from '@contactsync/core';
import type { DraftPatch } from './draft-patch';

/**
 * The fields this device changed on a contact since it was last in step with the server, each with
 * the value it had before. Core's log of a refused write does not say which field the server refused
 * (its services answer with a code and a message, Yahoo's sometimes naming no field), so the app
 * names the fields it knows it sent. Cleared once the contact is synced again.
 */
export type SentEdits = Readonly<Record<string, unknown>>;

const PREFIX = 'contactsync-demo:sent:';
const keyOf = (databaseName: string, contactId: string): string => `${PREFIX}${databaseName}:${contactId}`;

interface Stored {
  readonly at: number;
  readonly fields: SentEdits;
}

function read(key: string): Stored | null {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(key) ?? 'null');
    if (typeof value !== 'object' || value === null) return null;
    const v = value as Record<string, unknown>;
    return typeof v['at'] === 'number' && typeof v['fields'] === 'object' && v['fields'] !== null
      ? { at: v['at'], fields: v['fields'] as SentEdits }
      : null;
  } catch {
    return null;
  }
}

export function readSentEdits(databaseName: string, contactId: string): SentEdits {
  return read(keyOf(databaseName, contactId))?.fields ?? {};
}

/** Adds a save's fields; the "before" value of a field already recorded is the first one. */
export function recordSentEdits(databaseName: string, contactId: string, before: ContactDraft, patch: DraftPatch): void {
  const edits: Record<string, unknown> = { ...readSentEdits(databaseName, contactId) };
  for (const key of Object.keys(patch) as (keyof DraftPatch)[]) {
    if (key === 'name') {
      for (const part of Object.keys(patch.name ?? {}) as (keyof ContactDraft['name'])[]) {
        if (!(`name.${part}` in edits)) edits[`name.${part}`] = before.name[part];
      }
    } else if (!(key in edits)) edits[key] = before[key];
  }
  try {
    localStorage.setItem(keyOf(databaseName, contactId), JSON.stringify({ at: Date.now(), fields: edits }));
  } catch {
    // Storage full: the refusal is still shown, without naming the field.
  }
}

export function forgetSentEdits(databaseName: string, contactId: string): void {
  localStorage.removeItem(keyOf(databaseName, contactId));
}

/**
 * Forgets the records of contacts that are synced again (or gone). A record younger than `graceMs` is
 * kept: the replica may not show the save it belongs to yet.
 */
export function pruneSentEdits(databaseName: string, unsettled: ReadonlySet<string>, now = Date.now(), graceMs = 10_000): void {
  const prefix = keyOf(databaseName, '');
  const stale: string[] = [];
  for (let i = 0; i < localStorage.length; i++) {
    const key = localStorage.key(i);
    if (key?.startsWith(prefix) && !unsettled.has(key.slice(prefix.length)) && (read(key)?.at ?? 0) < now - graceMs) stale.push(key);
  }
  for (const key of stale) localStorage.removeItem(key);
}
