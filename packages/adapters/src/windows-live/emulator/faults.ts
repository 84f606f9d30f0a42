import { RequestFaults } from '../../kit/emulator/request-faults.js';
import type { ForcedResponse } from './types.js';

/**
 * Fault injection: the emulator kit's forced statuses, lost responses and latency
 * (docs/engine-port.md), and a calls-per-second limiter per token (§1.6) on the emulator's clock.
 */
export class Faults extends RequestFaults<ForcedResponse> {
  private readonly calls = new Map<string, { second: number; count: number }>();

  /** Counts a call; true when it is over `limit` calls in the current second for this token. */
  overLimit(token: string, second: number, limit: number | null): boolean {
    if (limit === null) return false;
    const entry = this.calls.get(token);
    if (entry === undefined || entry.second !== second) {
      this.calls.set(token, { second, count: 1 });
      return limit < 1;
    }
    entry.count++;
    return entry.count > limit;
  }
}
