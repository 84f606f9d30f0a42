/**
 * Where one initial sync's time went. The engine's decode and map happen inside the adapter's
 * `pull`, so for it they are one figure (`decodeMap`); the plain loop has them apart.
 */
export interface StageTimes {
  readonly total: number;
  readonly network: number;
  readonly decode: number;
  readonly map: number;
  readonly decodeMap: number;
  /** Everything after the records exist: building rows and writing them (the engine: its whole apply path). */
  readonly store: number;
  readonly contacts: number;
  readonly requests: number;
  /** From the start until the first chunk of at least `FIRST_CHUNK` contacts had committed (NaN: not measured). */
  readonly firstChunk: number;
  /** From the start until the first response's head arrived: the part of `firstChunk` the server decides (NaN: not measured). */
  readonly firstHeaders: number;
  /**
   * The IndexedDB floor, measured by the plain loop only (NaN elsewhere): a fresh database, opened,
   * and the same rows `bulkPut` in the same chunks, nothing else. No pipeline that stores these rows
   * can be faster; engine / floor says how much the rest costs.
   */
  readonly floor: number;
}

/** The size of the "first stored chunk" the target names (issue 16). */
export const FIRST_CHUNK = 500;
