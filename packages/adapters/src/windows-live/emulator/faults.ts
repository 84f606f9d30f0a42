import type { DroppedResponse, ForcedResponse, RequestMatch } from './types.js';

/**
 * Fault injection (the emulator kit's control names; docs/engine-port.md): forced statuses and dropped responses for the next N
 * matching requests, and a calls-per-second limiter per token (§1.6) on the emulator's clock.
 */

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
  private readonly drops: Rule<true>[] = [];
  private readonly calls = new Map<string, { second: number; count: number }>();
  latencyMs = 0;

  force(rule: ForcedResponse): void {
    this.forced.push({ match: matcher(rule), remaining: rule.count ?? 1, value: rule });
  }

  drop(rule: DroppedResponse): void {
    this.drops.push({ match: matcher(rule), remaining: rule.count ?? 1, value: true });
  }

  /** Forgets every pending forced status, drop and latency. */
  clear(): void {
    this.forced.length = 0;
    this.drops.length = 0;
    this.latencyMs = 0;
  }

  takeForced(method: string, path: string): ForcedResponse | null {
    return take(this.forced, method, path);
  }

  takeDrop(method: string, path: string): boolean {
    return take(this.drops, method, path) === true;
  }

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
