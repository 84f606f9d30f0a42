import { RequestFaults, RuleQueue } from '../../kit/emulator/request-faults.js';
import type { ForcedResponse } from './types.js';

/**
 * The emulator kit's forced statuses, lost responses and latency, plus statuses forced on the
 * items inside `$batch` requests (each item matched by its own method and path).
 */
export class Faults extends RequestFaults<ForcedResponse> {
  private readonly forcedInBatch = new RuleQueue<ForcedResponse>();

  override force(rule: ForcedResponse): void {
    if (rule.inBatch === true) this.forcedInBatch.add(rule, rule);
    else super.force(rule);
  }

  override clear(): void {
    super.clear();
    this.forcedInBatch.clear();
  }

  takeForcedInBatch(method: string, path: string): ForcedResponse | null {
    return this.forcedInBatch.take(method, path);
  }
}
