import { count, mb, ms, msSpread, ratio, sample } from '../report/stats.js';
import { verdict, type Table } from '../report/table.js';
import { CLIENT_IDS, CLIENT_LABELS, type ClientId } from './bench-client.js';
import type { Run } from './carddav-child.js';
import type { CardDavResult } from './measure-carddav.js';

const median = (xs: readonly number[]): number => sample(xs).median;
const n = (contacts: number): string => contacts.toLocaleString('en-US');

/** The books measured, in the order they ran: one per server and size. */
function books(results: readonly CardDavResult[]): { server: string; contacts: number; of: (c: ClientId) => CardDavResult | undefined }[] {
  const seen = new Map<string, { server: string; contacts: number }>();
  for (const r of results) seen.set(`${r.server} ${r.contacts}`, { server: r.server, contacts: r.contacts });
  return [...seen.values()].map((b) => ({
    ...b,
    of: (client: ClientId) => results.find((r) => r.server === b.server && r.contacts === b.contacts && r.client === client),
  }));
}

const initials = (r: CardDavResult | undefined): Run[] => r?.runs.map((x) => x.initial) ?? [];
const deltas = (r: CardDavResult | undefined): Run[] => r?.runs.flatMap((x) => x.deltas) ?? [];

function runRows(results: readonly CardDavResult[], pick: (r: CardDavResult | undefined) => Run[], rss: boolean): string[][] {
  const rows: string[][] = [];
  for (const book of books(results)) {
    const engineMs = median(pick(book.of('engine')).map((r) => r.ms));
    for (const client of CLIENT_IDS) {
      const result = book.of(client);
      const runs = pick(result);
      const time = median(runs.map((r) => r.ms));
      if (runs.length === 0) {
        rows.push([
          book.server,
          n(book.contacts),
          CLIENT_LABELS[client],
          `failed: ${result?.failure ?? 'no run'}`,
          ...Array<string>(rss ? 4 : 3).fill('n/a'),
        ]);
        continue;
      }
      rows.push([
        book.server,
        n(book.contacts),
        CLIENT_LABELS[client],
        msSpread(sample(runs.map((r) => r.ms))),
        count(median(runs.map((r) => r.requests))),
        ms(median(runs.map((r) => r.serverMs))),
        ...(rss ? [mb(median(result?.runs.map((x) => x.initialRssBytes) ?? []))] : []),
        client === 'engine' ? '1.00x' : ratio(time / engineMs),
      ]);
    }
  }
  return rows;
}

export function cardDavInitialTable(results: readonly CardDavResult[]): Table {
  return {
    title: 'CardDAV: initial sync (Node, fake-indexeddb, real servers on loopback)',
    columns: ['Server', 'Cards', 'Client', 'Time', 'Requests', 'Waiting on the server', 'Peak RSS', 'Time / engine'],
    rows: runRows(results, initials, true),
    notes: [
      'Time: median (min–max, runs) from the first request to the last row stored, each run in a fresh process.',
      "Waiting on the server: request sent to the answer's headers, summed over the run's requests.",
      "Peak RSS: the client's process (`ru_maxrss`) after its initial sync; the server is another process.",
    ],
  };
}

export function cardDavDeltaTable(results: readonly CardDavResult[], changes: number): Table {
  return {
    title: `CardDAV: delta of ${changes} changed cards in a synced book`,
    columns: ['Server', 'Cards', 'Client', 'Time', 'Requests', 'Waiting on the server', 'Time / engine'],
    rows: runRows(results, deltas, false),
    notes: [`Median over every delta round of every run; each round another client first rewrites ${changes} cards (not measured).`],
  };
}

/** The budgets of issue 13 "Performance", each with its verdict. */
export function cardDavBudgetTable(results: readonly CardDavResult[], multigetBatch: number, changes: number): Table {
  const rows: string[][] = [];
  const engineMs = (r: CardDavResult | undefined, pick: typeof initials): number => median(pick(r).map((x) => x.ms));
  for (const book of books(results)) {
    const where = `${book.server}, ${n(book.contacts)}`;
    for (const [what, pick] of [
      ['initial sync', initials],
      ['delta', deltas],
    ] as const) {
      const engine = engineMs(book.of('engine'), pick);
      // The faster of the baselines that completed (tsdav fails on some servers: see the tables above).
      const baselines = [engineMs(book.of('tsdav'), pick), engineMs(book.of('davx5'), pick)].filter(Number.isFinite);
      const fastest = baselines.length > 0 ? Math.min(...baselines) : Number.NaN;
      rows.push([
        `${what}: engine / faster of tsdav and DAVx5-style`,
        where,
        ratio(engine / fastest),
        '≤ 1.20x',
        verdict(engine / fastest, 1.2),
      ]);
    }
    if (book.contacts >= 10_000) {
      const speedup = engineMs(book.of('davx5'), initials) / engineMs(book.of('engine'), initials);
      rows.push(['initial sync: DAVx5-style / engine', where, ratio(speedup), '≥ 3.00x', verdict(speedup, 3, 'at-least')]);
    }
    for (const [what, pick, cards] of [
      ['initial sync', initials, book.contacts],
      ['delta', deltas, changes],
    ] as const) {
      const requests = median(pick(book.of('engine')).map((r) => r.requests));
      const limit = Math.ceil(cards / multigetBatch) + 3;
      rows.push([`${what}: engine requests`, where, count(requests), `≤ ${count(limit)}`, verdict(requests, limit)]);
    }
  }
  for (const server of new Set(results.map((r) => r.server))) {
    const sizes = [...new Set(results.filter((r) => r.server === server).map((r) => r.contacts))].sort((a, b) => a - b);
    if (sizes.length < 2) continue;
    const at = (contacts: number): number =>
      engineMs(
        results.find((r) => r.server === server && r.contacts === contacts && r.client === 'engine'),
        deltas,
      );
    const small = sizes[0] as number;
    const large = sizes.at(-1) as number;
    const growth = at(large) / at(small);
    rows.push([`delta of ${changes}: engine at ${n(large)} / at ${n(small)}`, server, ratio(growth), '≤ 2.00x', verdict(growth, 2)]);
  }
  return {
    title: 'CardDAV: budgets (issue 13)',
    columns: ['Budget', 'Book', 'Measured', 'Limit', 'Verdict'],
    rows,
    notes: [`Requests limit: ceil(N / ${multigetBatch}) + 3, ${multigetBatch} being the adapter's default multiget batch.`],
  };
}
