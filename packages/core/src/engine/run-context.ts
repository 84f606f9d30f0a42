import type { ServiceRules } from '../merge/service-rules.js';
import type { ContactService, Cursor } from '../service/contact-service.js';
import type { FailedOutcome, RetryAtOutcome } from '../policy/outcome.js';
import type { ReplicaDb } from '../replica/schema.js';
import type { Logger } from './types.js';
import type { PullCounts } from './remote-change-plan.js';

/** Everything one sync run needs, passed down explicitly. */
export interface RunContext {
  readonly db: ReplicaDb;
  readonly service: ContactService;
  /** The service's field model and checks, which every merge reads. */
  readonly rules: ServiceRules;
  readonly now: () => number;
  readonly newId: () => string;
  readonly chunkSize: number;
  readonly maxConflictRounds: number;
  readonly logger: Logger | undefined;
  /** Counts of what was stored (added after each transaction commits). */
  readonly counts: PullCounts;
  /** This engine's id in outbox claims, and how long a claim lasts. */
  readonly owner: string;
  readonly leaseMs: number;
  /**
   * Every port call goes through here: a signal, a timeout, and close() (see guarded-call.ts);
   * during a server-imposed wait (set by another engine meanwhile) no call is made: `retry-at`.
   */
  request<O>(write: boolean, work: (signal: AbortSignal) => Promise<O>, kind?: 'whole-book'): Promise<O | FailedOutcome | RetryAtOutcome>;
  /** The cursor of the last applied pull; push responses that carry events advance it. */
  cursor: Cursor | null;
  /** The app confirmed that a snapshot may delete most of the book (pull-run.ts, mass-delete guard). */
  readonly massDeleteConfirmed: boolean;
  readonly onPhase: (phase: 'pulling' | 'pushing' | 'merging') => void;
  readonly onProgress: (done: number, total: number) => void;
}
