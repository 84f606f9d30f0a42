import type { ContactSyncState } from '@contactsync/core';

const LABELS: Record<ContactSyncState, string> = {
  synced: 'Synced',
  pending: 'Pending',
  conflict: 'Conflict',
  rejected: 'Rejected',
};

/** A contact's sync state as a small labelled badge (text, so it needs no colour to be read). */
export function SyncBadge({ state }: { readonly state: ContactSyncState }) {
  return (
    <span className={`badge badge-${state}`} data-sync-state={state} title={`Sync state: ${LABELS[state]}`}>
      {LABELS[state]}
    </span>
  );
}
