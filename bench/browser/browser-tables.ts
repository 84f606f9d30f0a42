import type { StageTimes } from '../src/pipelines/stages.js';
import { count, ms, msSpread, percentile, ratio, sample } from '../src/report/stats.js';
import { verdict, type Table } from '../src/report/table.js';
import type { KeystrokeSample, UiScenarioResult } from './protocol.js';

export interface BrowserSyncResult {
  readonly provider: string;
  readonly contacts: number;
  readonly engine: readonly StageTimes[];
  readonly plain: readonly StageTimes[];
  readonly rxdb: readonly StageTimes[];
  readonly rxdbError: string | null;
}

const med = (runs: readonly StageTimes[], pick: (t: StageTimes) => number): number => sample(runs.map(pick)).median;

function cells(runs: readonly StageTimes[]): string[] {
  if (runs.length === 0) return ['n/a', '', '', '', '', ''];
  const total = sample(runs.map((t) => t.total));
  const engineLike = runs.every((t) => t.decode === null || Number.isNaN(t.decode));
  return [
    msSpread(total),
    count(((runs[0]?.contacts ?? 0) / total.median) * 1000),
    ms(med(runs, (t) => t.network)),
    engineLike ? `${ms(med(runs, (t) => t.decodeMap))} (with map)` : ms(med(runs, (t) => t.decode)),
    engineLike ? '↖' : ms(med(runs, (t) => t.map)),
    ms(med(runs, (t) => t.store)),
  ];
}

export function browserSyncTable(results: readonly BrowserSyncResult[]): Table {
  const rows: string[][] = [];
  for (const r of results) {
    const engine = med(r.engine, (t) => t.total);
    const plain = med(r.plain, (t) => t.total);
    const n = count(r.contacts);
    rows.push([r.provider, n, 'engine', ...cells(r.engine), ratio(engine / plain), `≤ 1.2: ${verdict(engine / plain, 1.2)}`]);
    rows.push([r.provider, n, 'plain loop', ...cells(r.plain), '1.00x', '']);
    if (r.rxdb.length > 0) {
      const rx = med(r.rxdb, (t) => t.total);
      const target = r.provider === 'Yahoo JSON' ? `RxDB/engine ≥ 1.75: ${verdict(rx / engine, 1.75, 'at-least')}` : 'info';
      rows.push([r.provider, n, 'RxDB replication', ...cells(r.rxdb), `${ratio(rx / plain)} (RxDB/engine ${ratio(rx / engine)})`, target]);
    } else if (r.rxdbError !== null) {
      rows.push([r.provider, n, 'RxDB replication', `failed: ${r.rxdbError}`, '', '', '', '', '', '', '']);
    }
  }
  return {
    title: 'Initial sync in Chromium (real IndexedDB, every pipeline in a Web Worker)',
    columns: [
      'Service',
      'N',
      'Pipeline',
      'Time: median (min–max, runs)',
      'Contacts/s',
      'Network',
      'Decode',
      'Map',
      'Store',
      'vs plain loop',
      'Target',
    ],
    rows,
    notes: [
      'Requests go through a same-origin proxy in the driver process (the emulators send no CORS headers; the demo proxies too).',
      "RxDB runs in a worker of its own: it pins Dexie 4.4.2, which refuses to share a realm with the engine's 4.4.7.",
      'Issue 7 sets RxDB / engine ≥ 1.75 in Chromium for JSON contacts (measured there at 100,000).',
    ],
  };
}

export function uiTable(ui: UiScenarioResult, provider: string): Table {
  const over50 = ui.longTasks.filter((t) => t.duration > 50);
  const over100 = ui.longTasks.filter((t) => t.duration > 100);
  const worst = ui.longTasks.reduce((m, t) => Math.max(m, t.duration), 0);
  const blocked = ui.longTasks.reduce((s, t) => s + Math.max(0, t.duration - 50), 0);
  const worstIndex = ui.refreshes.reduce((m, r) => Math.max(m, r.indexMs + r.renderMs), 0);
  return {
    title: `Main thread during a ${count(ui.contacts)}-contact initial sync (${provider}, engine in a Web Worker)`,
    columns: [
      'Sync',
      'Long tasks > 50 ms',
      'Over 100 ms',
      'Longest',
      'Blocking time (Σ over 50 ms)',
      'Live-query refreshes',
      'Worst refresh (index + render)',
      'Progress messages',
      'Target',
    ],
    rows: [
      [
        ms(ui.syncMs),
        String(over50.length),
        String(over100.length),
        ui.longTasks.length === 0 ? 'none' : ms(worst),
        ms(blocked),
        String(ui.refreshes.length),
        ms(worstIndex),
        String(ui.progressMessages),
        `none over 100 ms: ${over100.length === 0 ? 'met' : 'MISSED'}`,
      ],
    ],
    notes: [
      'The page does what the demo does: `openReplicaView` in a Dexie live query, rebuilding the search index (fold, sort by name) on every change, and rendering the first rows.',
      `Window: from the sync's start until the list held every contact (${ms(Math.max(0, ui.settleMs))} after the sync resolved). Long tasks from PerformanceObserver('longtask').`,
      `Long tasks: ${ui.longTasks.map((t) => ms(t.duration)).join(', ') || 'none'}. The live query ran its querier ${ui.queryRuns} times.`,
      `Attribution, after the sync with nothing else running: one \`view.contacts()\` of ${count(ui.contacts)} rows took ${ms(ui.isolated.readMs)} with long tasks of ${ui.isolated.readLongTasks.map(ms).join(', ') || 'none'}; one search-index build took ${ms(ui.isolated.indexMs)} (one task).`,
    ],
  };
}

export function searchTable(samples: readonly KeystrokeSample[], contacts: number): Table {
  const latencies = samples.map((s) => s.latencyMs);
  const p95 = percentile(latencies, 95);
  return {
    title: `Search as you type over ${count(contacts)} contacts (main thread)`,
    columns: ['Keystrokes', 'p50', 'p95', 'Max', 'Target'],
    rows: [
      [String(samples.length), ms(percentile(latencies, 50)), ms(p95), ms(Math.max(...latencies)), `p95 < 16 ms: ${verdict(p95, 16)}`],
    ],
    notes: [
      "Latency: from the input event's timestamp to the filtered list laid out (filter the whole index, render 40 rows, force layout); paint not included.",
      `Queries typed: ${[...new Set(samples.map((s) => s.query).filter((q) => q !== ''))]
        .filter((q, i, all) => !all.some((o) => o !== q && o.startsWith(q)))
        .map((q) => `"${q}"`)
        .join(', ')}.`,
    ],
  };
}
