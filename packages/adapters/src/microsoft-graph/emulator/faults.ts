import type { DroppedResponse, ForcedResponse, RequestMatch } from './types.js';

/** Forced statuses and dropped answers for the next N matching requests (or batch items). */

interface Rule<T> {
  readonly match: (method: string, path: string) => boolean;
  remaining: number;
  readonly value: T;
}

function matcher(rule: RequestMatch): (method: string, path: string) => boolean {
  const pattern = rule.path === undefined ? null : typeof rule.path === 'string' ? new RegExp(rule.path, 'i') : rule.path;
  const method = rule.method?.toUpperCase();
  return (m, p) => (method === undefined || method === m.toUpperCase()) && (pattern === null || pattern.test(p));
}

function take<T>(rules: Rule<T>[], method: string, path: string): T | null {
  const index = rules.findIndex((r) => r.match(method, path));
  const rule = rules[index];
  if (rule === undefined) return null;
  rule.remaining--;
  if (rule.remaining <= 0) rules.splice(index, 1);
  return rule.value;
}

export class Faults {
  private readonly forced: Rule<ForcedResponse>[] = [];
  private readonly forcedInBatch: Rule<ForcedResponse>[] = [];
  private readonly drops: Rule<true>[] = [];
  latencyMs = 0;
  locked = false;

  force(rule: ForcedResponse): void {
    (rule.inBatch === true ? this.forcedInBatch : this.forced).push({ match: matcher(rule), remaining: rule.count ?? 1, value: rule });
  }

  drop(rule: DroppedResponse): void {
    this.drops.push({ match: matcher(rule), remaining: rule.count ?? 1, value: true });
  }

  clear(): void {
    this.forced.length = 0;
    this.forcedInBatch.length = 0;
    this.drops.length = 0;
    this.latencyMs = 0;
    this.locked = false;
  }

  takeForced(method: string, path: string, inBatch: boolean): ForcedResponse | null {
    return take(inBatch ? this.forcedInBatch : this.forced, method, path);
  }

  takeDrop(method: string, path: string): boolean {
    return take(this.drops, method, path) === true;
  }
}
