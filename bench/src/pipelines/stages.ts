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
}
