import { userMessageFor, type Failure } from './codes.js';
import type { ParsedEvent } from './request-model.js';

/** Which requests a fault applies to; every given property must match. */
export interface RequestMatch {
  readonly method?: 'GET' | 'POST';
  /** e.g. `/v1/synchronize`. */
  readonly path?: string;
  readonly format?: 'xml' | 'json';
}

/** Fail whole requests: an empty body when `code` is absent, else a structured error (§2.5). */
export interface RequestFault {
  readonly status: 403 | 404 | 500 | 503;
  readonly code?: number;
  /** Seconds; a 503 also sends it as the `Retry-After` header. */
  readonly retryAfter?: number;
  readonly userMessage?: string;
  readonly debugMessage?: string;
  /** How many matching requests fail (default 1). */
  readonly count?: number;
  readonly match?: RequestMatch;
}

/** Fail single events of POSTed requests with a nested error; the others still apply. */
export interface EventFault {
  readonly code: number;
  readonly retryAfter?: number;
  readonly userMessage?: string;
  readonly debugMessage?: string;
  /** e.g. `update-contact`; any event when absent. */
  readonly eventType?: string;
  /** Only the event at this position (0-based) of its request. */
  readonly eventIndex?: number;
  /** How many matching events fail (default 1). */
  readonly count?: number;
}

export interface RequestInfo {
  readonly method: string;
  readonly path: string;
  readonly format: string;
}

interface Counted<T> {
  readonly spec: T;
  remaining: number;
}

export function matches(match: RequestMatch | undefined, request: RequestInfo): boolean {
  if (match === undefined) return true;
  return (
    (match.method === undefined || match.method === request.method) &&
    (match.path === undefined || match.path === request.path) &&
    (match.format === undefined || match.format === request.format)
  );
}

/** The queue of injected faults. Each is consumed by the requests (or events) it applies to. */
export class Faults {
  private requestFaults: Counted<RequestFault>[] = [];
  private eventFaults: Counted<EventFault>[] = [];
  private drops: Counted<RequestMatch | undefined>[] = [];
  private hooks: { match: RequestMatch | undefined; action: () => void | Promise<void> }[] = [];

  failRequests(spec: RequestFault): void {
    this.requestFaults.push({ spec, remaining: spec.count ?? 1 });
  }

  failEvents(spec: EventFault): void {
    this.eventFaults.push({ spec, remaining: spec.count ?? 1 });
  }

  dropResponses(count: number, match: RequestMatch | undefined): void {
    this.drops.push({ spec: match, remaining: count });
  }

  beforeNext(match: RequestMatch | undefined, action: () => void | Promise<void>): void {
    this.hooks.push({ match, action });
  }

  clear(): void {
    this.requestFaults = [];
    this.eventFaults = [];
    this.drops = [];
    this.hooks = [];
  }

  /** Runs (once) every pending hook that matches this request, before it is processed. */
  async runHooks(request: RequestInfo): Promise<void> {
    const due = this.hooks.filter((h) => matches(h.match, request));
    this.hooks = this.hooks.filter((h) => !due.includes(h));
    for (const hook of due) await hook.action();
  }

  takeRequestFault(request: RequestInfo): RequestFault | null {
    return take(this.requestFaults, (spec) => matches(spec.match, request));
  }

  takeDrop(request: RequestInfo): boolean {
    return take(this.drops, (match) => matches(match, request)) !== null;
  }

  /** The nested failure forced on this event (at `index` in its request), if any. */
  takeEventFault(event: ParsedEvent, index: number): Failure | null {
    const spec = take(
      this.eventFaults,
      (s) => (s.eventType === undefined || s.eventType === event.type) && (s.eventIndex === undefined || s.eventIndex === index),
    );
    if (spec === null) return null;
    return {
      code: spec.code,
      userMessage: spec.userMessage ?? userMessageFor(spec.code),
      debugMessage: spec.debugMessage ?? `forced by the control plane`,
      ...(spec.retryAfter === undefined ? {} : { retryAfter: spec.retryAfter }),
    };
  }
}

function take<T>(queue: Counted<T>[], test: (spec: T) => boolean): T | null {
  const entry = queue.find((e) => e.remaining > 0 && test(e.spec));
  if (entry === undefined) return null;
  entry.remaining--;
  if (entry.remaining === 0) queue.splice(queue.indexOf(entry), 1);
  return entry.spec;
}
