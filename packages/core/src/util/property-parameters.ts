/** fast-check's run parameters that a property suite takes from its environment. */
export interface PropertyParameters {
  readonly numRuns: number;
  readonly seed?: number;
  readonly path?: string;
}

/**
 * Which runs a property suite makes. The normal test run (and so CI) is deterministic: a fixed,
 * committed seed per suite. `PROPERTY_RANDOM=1` (set by `pnpm test:soak`) draws a fresh seed, which
 * fast-check prints on failure; `PROPERTY_SEED` and `PROPERTY_PATH` replay one failure;
 * `PROPERTY_RUNS` sets how many runs. Pure: the caller passes `process.env`.
 */
export function propertyParameters(
  env: Readonly<Record<string, string | undefined>>,
  defaults: { readonly seed: number; readonly runs: number },
): PropertyParameters {
  const numRuns = env.PROPERTY_RUNS === undefined ? defaults.runs : Number(env.PROPERTY_RUNS);
  const seed = env.PROPERTY_SEED !== undefined ? Number(env.PROPERTY_SEED) : env.PROPERTY_RANDOM === '1' ? undefined : defaults.seed;
  return { numRuns, ...(seed === undefined ? {} : { seed }), ...(env.PROPERTY_PATH === undefined ? {} : { path: env.PROPERTY_PATH }) };
}

/** A counterexample found once, replayed in every run so the bug it showed cannot come back. */
export interface RegressionExample {
  readonly seed: number;
  readonly path: string;
  readonly why: string;
}
