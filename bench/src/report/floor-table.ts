import { FIRST_CHUNK, type StageTimes } from '../pipelines/stages.js';
import { count, ms, ratio, sample } from './stats.js';
import { verdict, type Table } from './table.js';

/** One service and book size as the initial-sync suites record it (Node and Chromium alike). */
export interface FloorInput {
  readonly provider: string;
  readonly contacts: number;
  readonly engine: readonly StageTimes[];
  readonly plain: readonly StageTimes[];
}

/** Issue 16's book size for the floor and first-chunk targets. */
const TARGET_SIZE = 10_000;
/** Engine / floor in Chromium: JSON services at most 1.3x, XML ones 1.6x (issue 16). */
const FLOOR_LIMIT = (provider: string): number => (/json/i.test(provider) ? 1.3 : 1.6);
/** The first stored chunk within 15% of the whole first sync (issue 16). */
const FIRST_CHUNK_SHARE = 0.15;

const med = (runs: readonly StageTimes[], pick: (t: StageTimes) => number): number =>
  sample(runs.map(pick).filter((v) => v !== null && !Number.isNaN(v))).median;

/**
 * The engine against the IndexedDB floor (raw `bulkPut` of the same rows, same chunks, measured by
 * the plain loop's runs), and how soon the first 500 contacts are stored. `floorTargets`: whether
 * the engine / floor target applies here (it is set for Chromium; in Node it is information).
 */
export function floorTable(results: readonly FloorInput[], where: string, floorTargets: boolean): Table {
  const rows = results.map((r) => {
    const floor = med(r.plain, (t) => t.floor);
    const engine = med(r.engine, (t) => t.total);
    const plain = med(r.plain, (t) => t.total);
    const first = med(r.engine, (t) => t.firstChunk);
    const plainFirst = med(r.plain, (t) => t.firstChunk);
    const headers = med(r.engine, (t) => t.firstHeaders);
    const share = first / engine;
    const atTarget = r.contacts === TARGET_SIZE;
    const limit = FLOOR_LIMIT(r.provider);
    return [
      r.provider,
      count(r.contacts),
      ms(floor),
      ms(engine),
      ratio(engine / floor),
      ratio(plain / floor),
      `${ms(first)} (${Number.isFinite(share) ? (share * 100).toFixed(0) : 'n/a'}%)`,
      `${ms(plainFirst)} (${((plainFirst / plain) * 100).toFixed(0)}%)`,
      `${ms(headers)}; then ${ms(first - headers)} (${(((first - headers) / engine) * 100).toFixed(0)}%)`,
      atTarget && floorTargets ? `≤ ${limit}: ${verdict(engine / floor, limit)}` : 'info',
      atTarget ? `≤ 15%: ${verdict(share, FIRST_CHUNK_SHARE)}` : 'info',
    ];
  });
  return {
    title: `IndexedDB floor and first stored chunk (${where})`,
    columns: [
      'Service',
      'N',
      'IndexedDB floor',
      'Engine',
      'Engine / floor',
      'Plain loop / floor',
      `Engine: first ${FIRST_CHUNK} stored (% of total)`,
      'Plain loop: first chunk stored (% of total)',
      'Engine: first response head; from there to 500 stored (% of total)',
      'Target (engine / floor)',
      'Target (first chunk)',
    ],
    rows,
    notes: [
      'Floor: right after each plain-loop run, in the same process, a fresh database of the same schema is opened and the same rows are `bulkPut` in the same chunks of 2,000, one transaction each; nothing is fetched, decoded or mapped. Medians over the same repetitions as the initial-sync table.',
      `First chunk: from the start of the sync until the first committed transaction that brings the stored count to ${FIRST_CHUNK} or more (engine: its progress status, which moves after each commit; plain loop: its first 2,000-row transaction).`,
      "First response head: the emulators build the whole response before its first byte (Windows Live serialises the whole book), so that wait is the server's; the time after it is the client's.",
      'Issue 16 sets engine / floor ≤ 1.3 (JSON) and ≤ 1.6 (XML) in Chromium at 10,000, and the first chunk within 15% of the total at 10,000 for every service.',
    ],
  };
}
