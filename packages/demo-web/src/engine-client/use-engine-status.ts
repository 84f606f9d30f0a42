import { useEffect, useState, useSyncExternalStore } from 'react';
import type { SyncReport, SyncStatus } from '@contactsync/core';
import type { EngineClient } from './engine-client';

/** The engine's latest status for this account (null until the worker has opened it). */
export function useEngineStatus(client: EngineClient, accountId: string): SyncStatus | null {
  const latest = useSyncExternalStore(client.subscribeStatus, client.getStatus);
  return latest?.accountId === accountId ? latest.status : null;
}

/** The reports of the syncs the app started for this account, newest first (at most `keep`). */
export function useSyncReports(client: EngineClient, accountId: string, keep = 10): readonly SyncReport[] {
  const [reports, setReports] = useState<readonly SyncReport[]>([]);
  useEffect(
    () =>
      client.onReport((id, report) => {
        if (id === accountId) setReports((previous) => [report, ...previous].slice(0, keep));
      }),
    [client, accountId, keep],
  );
  return reports;
}

/** `navigator.onLine`, following the page's `online` and `offline` events. */
export function useOnline(): boolean {
  return useSyncExternalStore(
    (listener) => {
      window.addEventListener('online', listener);
      window.addEventListener('offline', listener);
      return () => {
        window.removeEventListener('online', listener);
        window.removeEventListener('offline', listener);
      };
    },
    () => navigator.onLine,
  );
}
