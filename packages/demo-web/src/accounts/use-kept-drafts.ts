import { useMemo, useSyncExternalStore } from 'react';
import { keptDraftKeys, subscribeKeptDrafts } from '../model/kept-drafts';

/** The keys of the contacts with unsaved edits in this account, as a set (stable while unchanged). */
export function useKeptDraftKeys(databaseName: string): ReadonlySet<string> {
  const joined = useSyncExternalStore(subscribeKeptDrafts, () => keptDraftKeys(databaseName).join('\n'));
  return useMemo(() => new Set(joined === '' ? [] : joined.split('\n')), [joined]);
}
