import { useSyncExternalStore } from 'react';
import type { AppUpdates } from '../engine-client/app-updates';

/** "A newer version is available", with a reload into it when the person chooses (typing is kept). */
export function UpdateBanner({ updates }: { readonly updates: AppUpdates }) {
  const ready = useSyncExternalStore(updates.subscribe, updates.updateReady);
  if (!ready) return null;
  return (
    <div className="update-banner" role="status" data-testid="update-banner">
      <span>A newer version of this app is available. Unsaved edits are kept across the reload.</span>
      <button type="button" className="primary" onClick={() => updates.applyUpdate()}>
        Reload to update
      </button>
    </div>
  );
}
