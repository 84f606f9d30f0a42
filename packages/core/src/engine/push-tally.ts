import type { RequestFailure } from '../policy/outcome.js';
import type { RejectedWrite } from './types.js';

/** What one run's pushes did, for the report. */
export interface PushTally {
  created: number;
  updated: number;
  removed: number;
  merged: number;
  readonly rejected: RejectedWrite[];
  /** The first whole-request (or per-operation) failure; it ends the push. */
  failure: RequestFailure | null;
}

export const emptyPushTally = (): PushTally => ({ created: 0, updated: 0, removed: 0, merged: 0, rejected: [], failure: null });

/** Adds what one committed transaction did to the run's tally. */
export function addTally(into: PushTally, from: PushTally): void {
  into.created += from.created;
  into.updated += from.updated;
  into.removed += from.removed;
  into.merged += from.merged;
  into.rejected.push(...from.rejected);
  into.failure ??= from.failure;
}
