import type { PullCounts } from './remote-change-plan.js';
import type { PushTally } from './push-tally.js';

/** What a sync paused by a full disk tells the user until the app says space was freed. */
export const STORAGE_FULL_PAUSED =
  'This device is out of storage space, so syncing is paused. Free up space on this device (or allow this site to store more), then sync again. Your changes are kept on this device.';

/**
 * The user message of a sync that a storage failure stopped, saying what was stored before it
 * (each stored step committed whole; the failed one left nothing) and what to do.
 */
export function storageFailureMessage(full: boolean, counts: PullCounts, tally: PushTally): string {
  const received = counts.added + counts.updated + counts.removed;
  const sent = tally.created + tally.updated + tally.removed;
  const parts: string[] = [];
  if (received > 0)
    parts.push(`${received} ${received === 1 ? 'change' : 'changes'} from the server ${received === 1 ? 'was' : 'were'} saved`);
  if (sent > 0) parts.push(`${sent} of your ${sent === 1 ? 'change was' : 'changes were'} sent`);
  const before = parts.length === 0 ? 'Nothing was changed on this device.' : `Before that, ${parts.join(' and ')}.`;
  return full
    ? `This device ran out of storage space during sync. ${before} Free up space on this device (or allow this site to store more), then sync again. Your changes are kept.`
    : `Contacts could not be saved on this device during sync. ${before} The rest will be tried at the next sync; your changes are kept.`;
}
