/** A V8 CPU profile (`.cpuprofile`, or what `Profiler.stop` returns). */
export interface CpuProfile {
  readonly nodes: readonly {
    readonly id: number;
    readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
    readonly hitCount?: number;
  }[];
  readonly samples?: readonly number[];
  readonly timeDeltas?: readonly number[];
  readonly startTime: number;
  readonly endTime: number;
}

export interface FrameTime {
  readonly frame: string;
  readonly ms: number;
  readonly share: number;
}

/** Where a script lives, shortened: `dexie`, `fake-indexeddb`, `core/engine/…`, `adapters/…`, `node:…`. */
export function origin(url: string): string {
  if (url === '') return '(native)';
  const pkg = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)\/(.*)$/.exec(url);
  if (pkg !== null) return `${pkg[1]}/${(pkg[2] ?? '').replace(/^(build|dist)\/(esm\/|cjs\/)?/, '')}`;
  const ours = /\/packages\/([^/]+)\/(?:dist|src)\/(.*)$/.exec(url);
  if (ours !== null) return `${ours[1]}/${ours[2]}`;
  const bench = /\/bench\/(?:dist\/)?(.*)$/.exec(url);
  if (bench !== null) return `bench/${bench[1]}`;
  return url.replace(/^file:\/\//, '');
}

/** Self time per function (and per script), largest first. */
export function selfTimes(profile: CpuProfile, by: 'function' | 'script' = 'function'): FrameTime[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const totals = new Map<string, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    const node = byId.get(samples[i] as number);
    if (node === undefined) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const key = by === 'script' ? origin(url) : `${functionName || '(anonymous)'} ${origin(url)}${url === '' ? '' : `:${lineNumber + 1}`}`;
    // A sample's time is the delta to the next one.
    totals.set(key, (totals.get(key) ?? 0) + (deltas[i + 1] ?? 0) / 1000);
  }
  const all = [...totals.values()].reduce((a, b) => a + b, 0);
  return [...totals].map(([frame, ms]) => ({ frame, ms, share: ms / all })).sort((a, b) => b.ms - a.ms);
}

export function formatTop(profile: CpuProfile, top: number): string {
  const line = (f: FrameTime): string => `  ${(f.share * 100).toFixed(1).padStart(5)}%  ${f.ms.toFixed(0).padStart(7)} ms  ${f.frame}`;
  return [
    `Profile: ${((profile.endTime - profile.startTime) / 1000).toFixed(0)} ms`,
    'Self time by script:',
    ...selfTimes(profile, 'script').slice(0, 10).map(line),
    'Self time by function:',
    ...selfTimes(profile, 'function').slice(0, top).map(line),
  ].join('\n');
}
