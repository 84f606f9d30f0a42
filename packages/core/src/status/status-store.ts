import type { SyncStatus } from './sync-status.js';
import { INITIAL_STATUS, statusReducer, type StatusAction } from './status-reducer.js';

export type StatusListener = (status: SyncStatus) => void;

/** Holds the current status, applies actions through the reducer, and tells subscribers of changes. */
export class StatusStore {
  private status: SyncStatus = INITIAL_STATUS;
  private readonly listeners = new Set<StatusListener>();

  get current(): SyncStatus {
    return this.status;
  }

  dispatch(action: StatusAction): void {
    const next = statusReducer(this.status, action);
    if (next === this.status) return;
    this.status = next;
    for (const listener of [...this.listeners]) listener(next);
  }

  /** Calls `listener` with the current status at once and after every change; returns unsubscribe. */
  subscribe(listener: StatusListener): () => void {
    this.listeners.add(listener);
    listener(this.status);
    return () => this.listeners.delete(listener);
  }
}
