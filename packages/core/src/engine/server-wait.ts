import type { ServerWait } from '../replica/schema.js';

/** How far a stored start may drift from this session's own measure before it is rewritten. */
const DRIFT_TOLERANCE_MS = 1_000;

/**
 * Keeps a server-imposed wait honest when the device clock changes.
 *
 * The wait is stored as its start (device clock) and its duration. Within one session the time
 * waited so far is measured on a monotonic clock (`performance.now()` by default), which no clock
 * change moves: a wait ends exactly when the server asked, whatever the wall clock does. The stored
 * start is re-anchored to the wall clock as it now runs, so a reload later finds a consistent start.
 *
 * Across a reload only the wall clock is left:
 * - a clock now earlier than the stored start (moved back) is detected: the wait is re-anchored to
 *   start now, so it ends at most `durationMs` later (never early; at worst it waits again what it
 *   had already waited before the reload);
 * - a clock moved forward while the app was closed cannot be detected: the stored start looks
 *   further away than it is and the wait ends early. The safe side available is the server's own:
 *   a request sent too early gets another retry-after, which is obeyed in turn. (Comparing with the
 *   server's `Date` header is left to the adapters' transport.)
 *
 * When no monotonic clock is given but a wall clock is (tests with one fake clock), the wall clock
 * serves as both; then only backward moves are caught, as across a reload.
 */
export class ServerWaitClock {
  private anchor: { readonly wait: ServerWait; readonly monoStart: number } | null = null;

  constructor(
    private readonly wall: () => number,
    private readonly monotonic: () => number,
  ) {}

  /** A new wait from now, to be stored. */
  begin(durationMs: number): ServerWait {
    const wait = { start: this.wall(), durationMs };
    this.anchor = { wait, monoStart: this.monotonic() };
    return wait;
  }

  /**
   * How long the stored wait still has to run, and, when its start had to move (the clock
   * changed), the wait to store instead.
   */
  remaining(stored: ServerWait | null): { readonly remainingMs: number; readonly reanchored: ServerWait | null } {
    if (stored === null) {
      this.anchor = null;
      return { remainingMs: 0, reanchored: null };
    }
    const wallNow = this.wall();
    const monoNow = this.monotonic();
    let reanchored: ServerWait | null = null;
    let elapsed: number;
    if (this.anchor !== null && sameWait(this.anchor.wait, stored) && monoNow >= this.anchor.monoStart) {
      elapsed = Math.min(monoNow - this.anchor.monoStart, stored.durationMs);
      const start = wallNow - elapsed;
      if (Math.abs(start - stored.start) > DRIFT_TOLERANCE_MS) reanchored = { start, durationMs: stored.durationMs };
    } else if (wallNow < stored.start) {
      elapsed = 0; // The clock moved back past the start: how far is unknown, so nothing counts as waited.
      reanchored = { start: wallNow, durationMs: stored.durationMs };
    } else {
      elapsed = Math.min(wallNow - stored.start, stored.durationMs);
    }
    this.anchor = { wait: reanchored ?? stored, monoStart: monoNow - elapsed };
    return { remainingMs: Math.max(0, stored.durationMs - elapsed), reanchored };
  }
}

function sameWait(a: ServerWait, b: ServerWait): boolean {
  return a.start === b.start && a.durationMs === b.durationMs;
}
