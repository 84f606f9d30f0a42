import type { ContactDraft } from '@contactsync/core';
import type { BirthdayParts } from './birthday-parts';

/**
 * Unsaved form edits, kept in localStorage as they are typed, so nothing typed is lost by clicking
 * another contact, switching tabs, reloading or a crash. One per account and contact (`new` for a
 * contact not created yet); dropped on save or an explicit discard.
 */
export interface KeptDraft {
  /** The form as typed (the birthday as its parts: partial input cannot be a draft string). */
  readonly draft: ContactDraft;
  readonly birthday: BirthdayParts;
  /** The contact as it was when editing began: a save sends only what differs from it. */
  readonly base: ContactDraft;
  readonly keptAt: number;
}

export const NEW_CONTACT_KEY = 'new';
const PREFIX = 'contactsync-demo:draft:';
const keyOf = (databaseName: string, contactKey: string): string => `${PREFIX}${databaseName}:${contactKey}`;

const listeners = new Set<() => void>();
const notify = (): void => {
  for (const listener of listeners) listener();
};

function isKeptDraft(value: unknown): value is KeptDraft {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v['draft'] === 'object' &&
    v['draft'] !== null &&
    typeof v['base'] === 'object' &&
    v['base'] !== null &&
    typeof v['birthday'] === 'object' &&
    typeof v['keptAt'] === 'number'
  );
}

export function readKeptDraft(databaseName: string, contactKey: string): KeptDraft | null {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(keyOf(databaseName, contactKey)) ?? 'null');
    return isKeptDraft(value) ? value : null;
  } catch {
    return null;
  }
}

/** Keeps the form's state; says whether storage took it (it may be full or disabled). */
export function keepDraft(databaseName: string, contactKey: string, kept: KeptDraft): boolean {
  const had = localStorage.getItem(keyOf(databaseName, contactKey)) !== null;
  try {
    localStorage.setItem(keyOf(databaseName, contactKey), JSON.stringify(kept));
  } catch {
    return false;
  }
  if (!had) notify();
  return true;
}

export function dropKeptDraft(databaseName: string, contactKey: string): void {
  localStorage.removeItem(keyOf(databaseName, contactKey));
  notify();
}

/** The contacts of an account that have unsaved edits (their keys), for markers in the list. */
export function keptDraftKeys(databaseName: string): string[] {
  const prefix = keyOf(databaseName, '');
  const keys: string[] = [];
  for (let i = 0; i < localStorage.length; i++) {
    const key = localStorage.key(i);
    if (key?.startsWith(prefix)) keys.push(key.slice(prefix.length));
  }
  return keys.sort();
}

/** For `useSyncExternalStore`: changes in this tab, and in other tabs through `storage` events. */
export function subscribeKeptDrafts(listener: () => void): () => void {
  listeners.add(listener);
  const onStorage = (event: StorageEvent): void => {
    if (event.key === null || event.key.startsWith(PREFIX)) listener();
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}
