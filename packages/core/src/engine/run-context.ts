import type { ServiceRules } from '../merge/service-rules.js';
import type { ContactService, Cursor } from '../service/contact-service.js';
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
  readonly counts: PullCounts;
  /** The cursor of the last applied pull; push responses that carry events advance it. */
  cursor: Cursor | null;
  /** The app confirmed that a snapshot may delete most of the book (pull-run.ts, mass-delete guard). */
  readonly massDeleteConfirmed: boolean;
  readonly onPhase: (phase: 'pulling' | 'pushing' | 'merging') => void;
  readonly onProgress: (done: number, total: number) => void;
}
