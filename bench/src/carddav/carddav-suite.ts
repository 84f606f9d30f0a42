import { dependencyVersion, loadAverage, machineLines } from '../report/machine.js';
import { writeSection } from '../report/results-file.js';
import { renderTable } from '../report/table.js';
import { DEFAULT_MULTIGET_BATCH } from './carddav-internals.js';
import { cardDavBudgetTable, cardDavDeltaTable, cardDavInitialTable } from './carddav-tables.js';
import { cardDavPlan, measureCardDav } from './measure-carddav.js';

/**
 * `pnpm bench --suites=carddav` (issue 13 "Performance"): the engine with the CardDAV adapter,
 * tsdav and a DAVx5-style client against real Radicale and Xandikos. Writes its own section of
 * the results file, so it neither needs nor replaces the other suites' figures.
 */
export async function runCardDavSuite(quick: boolean, out: string, command: string, log: (line: string) => void): Promise<void> {
  const started = performance.now();
  const machine = machineLines([`tsdav ${dependencyVersion('tsdav')}; Radicale and Xandikos from Debian (/usr/bin)`]);
  const plan = cardDavPlan(quick);
  const results = await measureCardDav(plan, log);
  const tables = [
    cardDavInitialTable(results),
    cardDavDeltaTable(results, plan.deltaChanges),
    cardDavBudgetTable(results, DEFAULT_MULTIGET_BATCH, plan.deltaChanges),
  ];
  const wall = (performance.now() - started) / 1000;
  const body = [
    `## CardDAV: \`${command}\``,
    '',
    ...machine.map((l) => `- ${l}`),
    `- Load average at end: ${loadAverage()}; wall time ${wall.toFixed(0)} s`,
    '',
    ...tables.map(renderTable),
  ].join('\n');
  process.stdout.write(`${body}\n`);
  writeSection(out, 'carddav', body);
  log(`written to ${out}`);
}
