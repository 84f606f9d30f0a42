import type { CommonControl, CommonLogEntry } from './common-control.js';

/**
 * Forced statuses and lost responses for the next N matching requests, and the latency: the fault
 * half of the common control plane, for emulators whose faults are plain HTTP statuses (Windows
 * Live, Microsoft Graph). A service extends the rule with what it adds (an error code, batch items).
 */

/** A request pattern: both parts optional; `path` is matched against the request's path. */
export interface RequestMatch {
  readonly method?: string;
  /** A RegExp, or a string compiled to a case-insensitive RegExp. */
  readonly path?: string | RegExp;
}

export interface ForcedStatus extends RequestMatch {
  readonly status: number;
  /** How many matching requests answer this way; default 1. */
  readonly count?: number;
  /** Seconds, sent as `Retry-After`; omitted when undefined. */
  readonly retryAfter?: number;
}

export interface DroppedResponse extends RequestMatch {
  readonly count?: number;
}

/** A log entry of an emulator with these faults. */
export interface FaultLogEntry extends CommonLogEntry {
  /** The emulator clock's time (epoch ms) when the request was answered. */
  readonly time: number;
  /** A forced status from the control plane. */
  readonly forced: boolean;
}

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

/** Rules in the order they were added; each is used up by its `count` matching requests. */
export class RuleQueue<T> {
  private readonly rules: Rule<T>[] = [];

  add(match: RequestMatch & { readonly count?: number }, value: T): void {
    this.rules.push({ match: matcher(match), remaining: match.count ?? 1, value });
  }

  /** The first rule matching the request, counted as used; null when none does. */
  take(method: string, path: string): T | null {
    const index = this.rules.findIndex((r) => r.match(method, path));
    const rule = this.rules[index];
    if (rule === undefined) return null;
    rule.remaining--;
    if (rule.remaining <= 0) this.rules.splice(index, 1);
    return rule.value;
  }

  clear(): void {
    this.rules.length = 0;
  }
}

export class RequestFaults<Forced extends ForcedStatus> {
  private readonly forced = new RuleQueue<Forced>();
  private readonly drops = new RuleQueue<true>();
  latencyMs = 0;

  force(rule: Forced): void {
    this.forced.add(rule, rule);
  }

  drop(rule: DroppedResponse): void {
    this.drops.add(rule, true);
  }

  /** Forgets every pending forced status, drop and latency. */
  clear(): void {
    this.forced.clear();
    this.drops.clear();
    this.latencyMs = 0;
  }

  takeForced(method: string, path: string): Forced | null {
    return this.forced.take(method, path);
  }

  takeDrop(method: string, path: string): boolean {
    return this.drops.take(method, path) === true;
  }
}

/** The common control names that act on the faults. */
export function faultControl<Forced extends ForcedStatus>(
  faults: RequestFaults<Forced>,
): Pick<CommonControl<Forced, RequestMatch>, 'failNext' | 'loseNextResponse' | 'clearFaults' | 'setLatency'> {
  return {
    failNext: (rule) => faults.force(rule),
    loseNextResponse: (options = {}) => faults.drop({ ...options.match, ...(options.count === undefined ? {} : { count: options.count }) }),
    clearFaults: () => faults.clear(),
    setLatency(ms) {
      faults.latencyMs = ms;
    },
  };
}
