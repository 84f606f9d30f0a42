import { useEffect, useMemo, useState } from 'react';
import type { ContactWithState } from '@contactsync/core';
import { buildSearchIndex, keyedEntry, sortedEntries, type KeyedEntry, type SearchEntry, type SortOrder } from './contact-search';

/** Contacts indexed per task: a few milliseconds each, so no task of the page grows long. */
const SLICE = 400;

interface Built {
  readonly contacts: readonly ContactWithState[];
  readonly order: SortOrder;
  readonly index: SearchEntry[];
}

/**
 * The search index of the list. A small book is indexed at once, in the render. A big one (a
 * 2,000-contact first sync re-reads the replica after every chunk) is indexed a slice per task, and
 * the list shows the previous index until the new one is done: one render of the whole book took
 * 100-190 ms of main thread in Chromium (folding, display names, the collator's sort).
 */
export function useSearchIndex(contacts: readonly ContactWithState[], order: SortOrder): SearchEntry[] {
  const small = contacts.length <= SLICE;
  const now = useMemo(() => (small ? buildSearchIndex(contacts, order) : null), [small, contacts, order]);
  const [built, setBuilt] = useState<Built | null>(null);
  useEffect(() => {
    if (small) return;
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const keyed: KeyedEntry[] = [];
    const step = (): void => {
      if (cancelled) return;
      const end = Math.min(contacts.length, keyed.length + SLICE);
      for (let i = keyed.length; i < end; i++) keyed.push(keyedEntry(contacts[i] as ContactWithState, order));
      if (keyed.length < contacts.length) timer = setTimeout(step, 0);
      else setBuilt({ contacts, order, index: sortedEntries(keyed) });
    };
    step();
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [small, contacts, order]);
  return now ?? built?.index ?? [];
}
