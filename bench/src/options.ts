import type { ProviderId } from './providers/provider.js';

export type SuiteName = 'initial' | 'delta' | 'local' | 'push' | 'merge' | 'memory' | 'carddav';
/** What runs when `--suites` is not given; `carddav` (real servers, minutes) runs only when named. */
export const DEFAULT_SUITES: readonly SuiteName[] = ['initial', 'delta', 'local', 'push', 'merge', 'memory'];
export const ALL_SUITES: readonly SuiteName[] = [...DEFAULT_SUITES, 'carddav'];

export interface BenchOptions {
  readonly quick: boolean;
  readonly suites: ReadonlySet<SuiteName>;
  /** null: every provider that is available. */
  readonly providers: ReadonlySet<ProviderId> | null;
  /** Book sizes of the initial sync. */
  readonly sizes: readonly number[];
  readonly reps: (contacts: number) => number;
  readonly rxdbReps: (contacts: number, provider: ProviderId) => number;
  /** Replica sizes of the delta benchmark: [small, large]; each must be one of `sizes`. */
  readonly deltaSizes: readonly [number, number];
  readonly deltaChanges: number;
  readonly deltaReps: number;
  /** Replica size for local reads and writes (one of `sizes`, reusing that sync's engine). */
  readonly localSize: number;
  readonly localOps: number;
  readonly pushUpdates: number;
  readonly memorySize: number;
  readonly memoryProviders: ReadonlySet<ProviderId>;
  readonly mergeSeconds: number;
  /** Where the results go; the quick run writes beside, never over, the committed results. */
  readonly out: string;
}

export function parseOptions(argv: readonly string[], defaultOut: string, quickOut: string): BenchOptions {
  const options = baseOptions(argv, defaultOut, quickOut);
  const sizes = /--sizes=([0-9,]+)/.exec(argv.join(' '))?.[1]?.split(',').map(Number);
  if (sizes === undefined) return options;
  const largest = Math.max(...sizes);
  // Providers named on the command line are measured for memory too (the default set leaves Yahoo XML out to save a minute).
  const memoryProviders = options.providers ?? options.memoryProviders;
  return { ...options, sizes, memorySize: largest, localSize: largest, deltaSizes: [Math.min(...sizes), largest], memoryProviders };
}

function baseOptions(argv: readonly string[], defaultOut: string, quickOut: string): BenchOptions {
  const flags = new Map<string, string>();
  for (const arg of argv) {
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (match === null) throw new Error(`unknown argument ${arg} (flags: --quick --suites=a,b --providers=a,b --out=file)`);
    flags.set(match[1] as string, match[2] ?? 'true');
  }
  const quick = flags.get('quick') === 'true';
  const list = (name: string): string[] | null =>
    flags
      .get(name)
      ?.split(',')
      .filter((s) => s !== '') ?? null;
  const suites = new Set((list('suites') ?? DEFAULT_SUITES) as SuiteName[]);
  for (const s of suites) if (!ALL_SUITES.includes(s)) throw new Error(`unknown suite ${s}`);
  const providers = list('providers');
  // `--sizes=10000,100000`: only these books (the delta, local and memory suites use the largest given where they need one).
  const sizes = list('sizes')?.map(Number) ?? null;
  if (sizes?.some((n) => !Number.isSafeInteger(n) || n <= 0) === true) throw new Error('--sizes takes positive integers');
  const out = flags.get('out') ?? (quick ? quickOut : defaultOut);
  if (quick) {
    // Seconds, for CI: every code path, tiny books, one repetition.
    return {
      quick,
      suites,
      providers: providers === null ? null : new Set(providers as ProviderId[]),
      sizes: [200, 1_000],
      reps: () => 1,
      rxdbReps: (_n, provider) => (provider === 'microsoft-graph' ? 0 : 1),
      deltaSizes: [200, 1_000],
      deltaChanges: 10,
      deltaReps: 2,
      localSize: 1_000,
      localOps: 100,
      pushUpdates: 50,
      memorySize: 1_000,
      memoryProviders: new Set<ProviderId>(['windows-live-xml', 'yahoo-xml', 'yahoo-json']),
      mergeSeconds: 0.2,
      out,
    };
  }
  return {
    quick,
    suites,
    providers: providers === null ? null : new Set(providers as ProviderId[]),
    sizes: [1_000, 10_000, 100_000],
    reps: (n) => (n <= 1_000 ? 7 : n <= 10_000 ? 3 : 1),
    // RxDB at 100,000 takes over a minute per XML book; the margin is for JSON. Its pull
    // handler fetches one whole book: Graph's paged rounds are not wired to it (no target asks).
    rxdbReps: (n, provider) => (provider === 'microsoft-graph' ? 0 : n <= 1_000 ? 3 : n < 100_000 || provider === 'yahoo-json' ? 1 : 0),
    deltaSizes: [1_000, 100_000],
    deltaChanges: 10,
    deltaReps: 5,
    localSize: 10_000,
    localOps: 500,
    pushUpdates: 1_000,
    memorySize: 100_000,
    // The XML formats cost the same memory shape; Yahoo XML's 100,000 adds a minute.
    memoryProviders: new Set<ProviderId>(['windows-live-xml', 'yahoo-json']),
    mergeSeconds: 1,
    out,
  };
}
