import type { Exchange } from './exchange.js';
import type { GraphPaths } from './paths.js';

/** What pull and push share within one adapter instance. */
export interface GraphContext {
  readonly exchange: Exchange;
  /** The service root; links Graph gives must stay on its origin. */
  readonly root: string;
  readonly paths: GraphPaths;
  /** Asked for with `Prefer: odata.maxpagesize`. */
  readonly pageSize: number;
  /** A delta page with more items than this is refused as oversized. */
  readonly maxPageItems: number;
  /**
   * Operation ids of creates whose answer never came and whose lookup failed too: before one is
   * sent again it is looked up first (in memory only; after a reload the engine's own search for
   * unconfirmed creates covers them).
   */
  readonly unconfirmedCreates: Set<string>;
}
