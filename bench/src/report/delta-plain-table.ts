import type { DeltaResult } from '../suites/delta-sync.js';
import { count, msSpread, ratio, sample } from './stats.js';
import { verdict, type Table } from './table.js';

/** The engine's delta sync against a plain loop pulling the same changes in the same run (services with a plain delta). */
export function deltaPlainTable(results: readonly DeltaResult[]): Table {
  const rows = results.flatMap((r) => {
    if (r.plain === undefined) return [];
    const engine = sample(r.times);
    const plain = sample(r.plain);
    const vsPlain = engine.median / plain.median;
    return [
      [
        r.provider,
        count(r.replica),
        String(r.changes),
        msSpread(engine),
        msSpread(plain),
        ratio(vsPlain),
        `≤ 1.2: ${verdict(vsPlain, 1.2)}`,
      ],
    ];
  });
  return {
    title: 'Delta sync against a plain loop (the same changes, the same emulator, the same run)',
    columns: ['Service', 'Replica', 'Changed', 'Engine sync(): median (min–max, runs)', 'Plain loop pull', 'Engine / plain', 'Target'],
    rows,
    notes: [
      "Plain loop: a replica of its own (the engine's row shape), built by an untimed first round; each run follows its deltaLink with the adapter's requests, codec and mapping, reads each changed row by its server id (an index lookup) and `bulkPut`s the changes. No outbox, merge, cursor table or status.",
      'Engine: the whole `sync()` (pull, an empty push, report). Which of the two goes first alternates per run.',
    ],
  };
}
