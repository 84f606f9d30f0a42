import { startTransition, useEffect, useState } from 'react';
import Dexie, { type ObservabilitySet } from 'dexie';
import type { ContactWithState, ReplicaView } from '@contactsync/core';

export interface ReplicaSnapshot {
  readonly contacts: ContactWithState[];
  /** The outbox size, read with the contacts so the header's counts and the badges agree. */
  readonly outbox: number;
}

/**
 * Pause between two reads while the worker keeps writing: as long as the last read took (so the page
 * spends at most about half its time reading), within these bounds. A change after a quiet spell is
 * read at once; only a change landing during a read waits for the pause.
 */
const MIN_GAP_MS = 100;
const MAX_GAP_MS = 250;
/**
 * A read during which a change landed may be torn: its contacts read before the change and its
 * outbox count after (a badge still "Pending" beside "No pending changes"). Such a read is shown when
 * its outbox count is the one shown already (a first sync's chunks leave the outbox alone, so its
 * rows show as they come), or when this many reads before it were torn too; otherwise it is read
 * again, whole.
 */
const TORN_READS_SKIPPED = 2;

/**
 * The replica's contacts and outbox size, re-read when the worker changes them. Not `useLiveQuery`:
 * a live query drops its read whenever another change lands before the read ends and starts again,
 * and emits only once a read ends with no change meanwhile. During a first sync the worker commits
 * a chunk every few tens of milliseconds while a read of the whole table takes longer, so the list
 * stayed empty until the last chunk. Here a read that ends is shown (unless it may be torn, see
 * `TORN_READS_SKIPPED`), and changes made during it are read next, after a pause. Change notices are Dexie's `storagemutated` events, which
 * Dexie carries across the worker and the page on a BroadcastChannel.
 */
export function useReplicaSnapshot(view: ReplicaView | null, databaseName: string): ReplicaSnapshot | undefined {
  const [snapshot, setSnapshot] = useState<ReplicaSnapshot | undefined>(undefined);
  useEffect(() => {
    if (view === null) return;
    let closed = false;
    let reading = false;
    let dirty = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let skipped = 0;
    let shownOutbox: number | null = null;
    const prefix = `idb://${databaseName}/`;

    const read = async (): Promise<void> => {
      timer = undefined;
      reading = true;
      dirty = false;
      const started = performance.now();
      try {
        const contacts = await view.contacts();
        const outbox = await view.pendingCount();
        const torn = dirty && outbox !== shownOutbox;
        if (torn && skipped < TORN_READS_SKIPPED) skipped++;
        else if (!closed) {
          skipped = 0;
          shownOutbox = outbox;
          // A transition: React renders the new list in slices and keeps the page answering input.
          startTransition(() => setSnapshot({ contacts, outbox }));
        }
      } catch {
        // The view was closed (the account was switched): there is nothing to show.
      }
      reading = false;
      const gap = Math.min(MAX_GAP_MS, Math.max(MIN_GAP_MS, performance.now() - started));
      if (dirty && !closed) timer = setTimeout(() => void read(), gap);
    };

    const onMutated = (parts: ObservabilitySet): void => {
      if (!Object.keys(parts).some((key) => key === 'all' || key.startsWith(prefix))) return;
      if (reading || timer !== undefined) dirty = true;
      else void read();
    };

    Dexie.on('storagemutated', onMutated);
    void read();
    return () => {
      closed = true;
      clearTimeout(timer);
      Dexie.on.storagemutated.unsubscribe(onMutated);
    };
  }, [view, databaseName]);
  return snapshot;
}
