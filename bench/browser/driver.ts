/**
 * `pnpm bench:browser`: the initial sync in Debian's Chromium (real IndexedDB), engine against the
 * plain loop and RxDB, each in a Web Worker; the main thread's long tasks while the engine syncs
 * with the page following the replica as the demo does; and search-as-you-type latency. Never
 * downloads a browser: it uses /usr/bin/chromium (`apt-get install -y chromium`).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { EmulatorHost } from '../src/host/host-client.js';
import { RESULTS_FILE, TMP_DIR } from '../src/paths.js';
import type { StageTimes } from '../src/pipelines/stages.js';
import { PROVIDER_IDS } from '../src/providers/client-providers.js';
import { PROVIDER_LABELS, type Connection, type ProviderId } from '../src/providers/provider.js';
import { loadAverage, machineLines } from '../src/report/machine.js';
import { floorTable } from '../src/report/floor-table.js';
import { writeSection } from '../src/report/results-file.js';
import { renderTable, type Table } from '../src/report/table.js';
import { browserSyncTable, searchTable, uiTable, type BrowserSyncResult } from './browser-tables.js';
import { bundleBrowserBench } from './bundle.js';
import type { KeystrokeSample, UiScenarioResult } from './protocol.js';
import { startBenchServer } from './static-server.js';

const CHROMIUM = '/usr/bin/chromium';
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const quick = process.argv.includes('--quick');
const sizes = quick ? [1_000] : [10_000];
const reps = quick ? 1 : 5;
const rxdbReps = quick ? 1 : 3;
const out = quick ? resolve(TMP_DIR, 'results-quick.md') : RESULTS_FILE;
const log = (line: string): void => void process.stderr.write(`${line}\n`);

if (!existsSync(CHROMIUM)) {
  // Debian's package, through apt as root; never a browser download of Playwright's own.
  if (process.getuid?.() !== 0) {
    log(
      `${CHROMIUM} not found: install Debian's Chromium with \`apt-get install -y chromium\` (this benchmark never downloads a browser).`,
    );
    process.exit(2);
  }
  log(`${CHROMIUM} not found: installing Debian's chromium package`);
  execFileSync('apt-get', ['update'], { stdio: 'inherit' });
  execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
}
const chromiumVersion = execFileSync(CHROMIUM, ['--version'], { encoding: 'utf8' }).trim();
const started = performance.now();
const machine = machineLines([`Browser: ${chromiumVersion}, headless, flags ${FLAGS.join(' ')}`]);
const notes: string[] = [];

const bundle = await bundleBrowserBench();
const providers: readonly ProviderId[] = PROVIDER_IDS;

const host = new EmulatorHost();
const server = await startBenchServer(bundle);
const profile = await mkdtemp(resolve(TMP_DIR, 'chromium-profile-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: CHROMIUM,
  headless: true,
  args: FLAGS,
  viewport: { width: 1280, height: 900 },
});

const run = (page: Page, cmd: 'engine' | 'plain' | 'rxdb', provider: ProviderId, connection: Connection): Promise<StageTimes | null> =>
  page.evaluate(([c, p, conn]) => window.bench.run(c, p, conn), [cmd, provider, connection] as const);

const syncResults: BrowserSyncResult[] = [];
let ui: { result: UiScenarioResult; provider: string } | null = null;
let keystrokes: KeystrokeSample[] = [];
try {
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${server.url}/index.html`);
  await page.waitForFunction(() => window.bench?.ready === true, undefined, { timeout: 30_000 });

  for (const provider of providers) {
    for (const contacts of sizes) {
      const emulator = await host.start(provider, contacts);
      server.route(emulator.handle, emulator.connection.url, emulator.connection.credentials['cookie']);
      const connection: Connection = { ...emulator.connection, url: `${server.url}/emu/${emulator.handle}` };
      const label = PROVIDER_LABELS[provider];
      log(`${label} ${contacts.toLocaleString('en-US')}: emulator seeded in ${emulator.seedMs.toFixed(0)} ms`);
      await run(page, 'plain', provider, connection); // Warm-up, unmeasured.
      await run(page, 'engine', provider, connection);
      const engine: StageTimes[] = [];
      const plain: StageTimes[] = [];
      for (let rep = 0; rep < reps; rep++) {
        for (const which of rep % 2 === 0 ? (['plain', 'engine'] as const) : (['engine', 'plain'] as const)) {
          const times = await run(page, which, provider, connection);
          if (times === null || times.contacts !== contacts) throw new Error(`${which}: stored ${times?.contacts} of ${contacts}`);
          (which === 'engine' ? engine : plain).push(times);
        }
        log(`  rep ${rep + 1}/${reps}: engine ${engine.at(-1)?.total.toFixed(0)} ms, plain ${plain.at(-1)?.total.toFixed(0)} ms`);
      }
      const rxdb: StageTimes[] = [];
      let rxdbError: string | null = null;
      for (let rep = 0; rep < rxdbReps && rxdbError === null; rep++) {
        try {
          const times = await run(page, 'rxdb', provider, connection);
          if (times === null || times.contacts !== contacts) throw new Error(`stored ${times?.contacts} of ${contacts}`);
          rxdb.push(times);
          log(`  RxDB ${times.total.toFixed(0)} ms`);
        } catch (error) {
          rxdbError = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? 'failed';
          log(`  RxDB failed: ${rxdbError}`);
        }
      }
      syncResults.push({ provider: label, contacts, engine, plain, rxdb, rxdbError });

      if (provider === 'windows-live-xml' && ui === null) {
        const result = await page.evaluate(([p, conn, n]) => window.bench.uiScenario(p, conn, n), [
          provider,
          connection,
          contacts,
        ] as const);
        ui = { result, provider: label };
        log(`  UI scenario: ${result.longTasks.length} long tasks, ${result.refreshes.length} refreshes`);
        const queries = await page.evaluate(() => window.bench.sampleQueries());
        await page.evaluate(() => window.bench.takeKeystrokes());
        for (const query of queries) {
          await page.click('#search');
          await page.keyboard.type(query, { delay: 60 });
          await page.keyboard.press('Control+A');
          await page.keyboard.press('Backspace');
          await page.waitForTimeout(100);
        }
        keystrokes = await page.evaluate(() => window.bench.takeKeystrokes());
        log(`  search: ${keystrokes.length} keystrokes`);
      }
      await host.stop(emulator.handle);
    }
  }
  if (errors.length > 0) notes.push(`Page errors: ${errors.join('; ')}`);
} finally {
  await context.close();
  await server.close();
  host.close();
  await rm(profile, { recursive: true, force: true });
}

const tables: Table[] = [browserSyncTable(syncResults), floorTable(syncResults, 'Chromium, real IndexedDB', true)];
if (ui !== null) tables.push(uiTable(ui.result, ui.provider));
if (keystrokes.length > 0) tables.push(searchTable(keystrokes, ui?.result.contacts ?? 0));
const wall = (performance.now() - started) / 1000;
const body = [
  `## Chromium: \`pnpm bench:browser${quick ? ' --quick' : ''}\``,
  '',
  ...machine.map((l) => `- ${l}`),
  `- Load average at end: ${loadAverage()}; wall time ${wall.toFixed(0)} s`,
  ...notes.map((n) => `- ${n}`),
  '',
  ...tables.map(renderTable),
].join('\n');
process.stdout.write(`${body}\n`);
writeSection(out, 'browser', body);
log(`written to ${out}`);
