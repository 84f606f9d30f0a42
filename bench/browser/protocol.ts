import type { StageTimes } from '../src/pipelines/stages.js';
import type { Connection, ProviderId } from '../src/providers/provider.js';

/** Page -> worker. `engine-keep` leaves its replica in place for the page's replica view. */
export interface WorkerRequest {
  readonly id: number;
  readonly cmd: 'engine' | 'plain' | 'rxdb' | 'engine-keep' | 'clear';
  readonly provider: ProviderId;
  readonly connection: Connection;
  readonly databaseName: string;
}

export type WorkerReply =
  | { readonly id: number; readonly ok: true; readonly times: StageTimes | null }
  | { readonly id: number; readonly ok: false; readonly error: string }
  | { readonly id: number; readonly progress: { readonly done: number; readonly total: number; readonly phase: string } };

/** What the page reports after the sync-with-UI scenario. */
export interface UiScenarioResult {
  readonly syncMs: number;
  readonly contacts: number;
  /** Main-thread long tasks (> 50 ms) that started during the sync, and until the list showed every contact. */
  readonly longTasks: readonly { readonly start: number; readonly duration: number }[];
  /** Replica-view refreshes the live query made during the sync, and what each cost on the main thread. */
  readonly refreshes: readonly {
    readonly contacts: number;
    readonly readMs: number;
    readonly indexMs: number;
    readonly renderMs: number;
  }[];
  readonly progressMessages: number;
  /** Milliseconds from the sync's end until the list held every contact. */
  readonly settleMs: number;
  /** Times the live query ran its querier (some runs are superseded and never emitted). */
  readonly queryRuns: number;
  /**
   * Attribution, after the sync (nothing else running): one `view.contacts()` of the whole replica and
   * one search-index build, each with the long tasks it caused.
   */
  readonly isolated: {
    readonly readMs: number;
    readonly readLongTasks: readonly number[];
    readonly indexMs: number;
  };
}

export interface KeystrokeSample {
  readonly query: string;
  readonly latencyMs: number;
  readonly matches: number;
}
