/**
 * `pnpm bench` (Node, fake-indexeddb): initial sync against a plain loop and RxDB, scaling, delta
 * sync, local writes and reads, push, merge and peak memory. `--quick` runs every path on tiny
 * books in seconds (CI). Progress goes to stderr; the tables go to stdout and to bench/results.md
 * (the quick run writes bench/.tmp/results-quick.md instead).
 */
import { resolve } from 'node:path';
import { runCardDavSuite } from './carddav/carddav-suite.js';
import { EmulatorHost } from './host/host-client.js';
import { parseOptions } from './options.js';
import { RESULTS_FILE, TMP_DIR } from './paths.js';
import { clientProvider, NODE_PROVIDER_IDS } from './providers/client-providers.js';
import { loadAverage, machineLines } from './report/machine.js';
import {
  deltaTable,
  initialSyncTable,
  localOpsTable,
  memoryTable,
  mergeTable,
  peerTable,
  pushTable,
  scalingTable,
} from './report/node-tables.js';
import { deltaPlainTable } from './report/delta-plain-table.js';
import { floorTable } from './report/floor-table.js';
import { writeSection } from './report/results-file.js';
import { renderTable, type Table } from './report/table.js';
import { measureDeltaSync, type DeltaResult } from './suites/delta-sync.js';
import { measureInitialSync, type InitialSyncResult } from './suites/initial-sync.js';
import { measureLocalOps, type LocalOpResult } from './suites/local-ops.js';
import { measureMemory, type MemoryResult } from './suites/memory.js';
import { measureMerge } from './suites/merge.js';
import { measurePush, type PushResult } from './suites/push.js';

const options = parseOptions(process.argv.slice(2), RESULTS_FILE, resolve(TMP_DIR, 'results-quick.md'));
const log = (line: string): void => void process.stderr.write(`${line}\n`);
const started = performance.now();
const machine = machineLines();
const notes: string[] = [];
const command = `pnpm bench${process.argv.length > 2 ? ` ${process.argv.slice(2).join(' ')}` : ''}`;

const clients = NODE_PROVIDER_IDS.filter((id) => options.providers === null || options.providers.has(id)).map(clientProvider);

const has = (suite: Parameters<typeof options.suites.has>[0]): boolean => options.suites.has(suite);
// CardDAV (real servers) writes a section of its own.
if (has('carddav')) await runCardDavSuite(options.quick, options.out, command, log);
const initial: InitialSyncResult[] = [];
const delta: DeltaResult[] = [];
const push: PushResult[] = [];
const memory: MemoryResult[] = [];
let local: LocalOpResult[] = [];

const host = new EmulatorHost();
try {
  for (const provider of clients) {
    for (const contacts of options.sizes) {
      const forDelta = has('delta') && options.deltaSizes.includes(contacts);
      const forLocal = has('local') && provider.id === 'windows-live-xml' && contacts === options.localSize;
      const forMemory = has('memory') && contacts === options.memorySize && options.memoryProviders.has(provider.id);
      if (!has('initial') && !forDelta && !forLocal && !forMemory) continue;
      const emulator = await host.start(provider.id, contacts);
      log(`${provider.label} ${contacts.toLocaleString('en-US')}: emulator seeded in ${emulator.seedMs.toFixed(0)} ms`);
      if (has('initial') || forDelta || forLocal) {
        const reps = has('initial') ? options.reps(contacts) : 1;
        const rxdbReps = has('initial') ? options.rxdbReps(contacts, provider.id) : 0;
        const { result, kept } = await measureInitialSync(
          provider,
          emulator.connection,
          contacts,
          reps,
          rxdbReps,
          forDelta || forLocal,
          contacts === options.sizes[0],
          log,
        );
        if (has('initial')) initial.push(result);
        if (kept !== null) {
          if (forDelta) {
            delta.push(
              await measureDeltaSync(
                provider.label,
                kept,
                host,
                emulator.handle,
                contacts,
                options.deltaChanges,
                options.deltaReps,
                await provider.plainDelta?.(emulator.connection),
              ),
            );
            log(`  delta sync into ${contacts}: done`);
          }
          if (forLocal) {
            local = await measureLocalOps(kept, options.localOps);
            log(`  local writes and reads on ${contacts}: done`);
          }
          await kept.engine.close();
        }
      }
      if (forMemory) {
        memory.push(await measureMemory(provider.label, emulator.connection, contacts, 1));
        log(`  peak RSS at ${contacts}: done`);
      }
      await host.stop(emulator.handle);
    }
    if (has('push')) {
      const emulator = await host.start(provider.id, options.pushUpdates);
      push.push(await measurePush(provider, emulator.connection, options.pushUpdates));
      log(`${provider.label}: push of ${options.pushUpdates} updates done`);
      await host.stop(emulator.handle);
    }
  }
} finally {
  host.close();
}
const merge = has('merge') ? measureMerge(options.mergeSeconds, options.quick ? 2 : 5) : null;

const tables: Table[] = [];
if (initial.length > 0)
  tables.push(initialSyncTable(initial), floorTable(initial, 'Node, fake-indexeddb', false), scalingTable(initial), peerTable(initial));
if (delta.length > 0) tables.push(deltaTable(delta));
if (delta.some((d) => d.plain !== undefined)) tables.push(deltaPlainTable(delta));
if (local.length > 0) tables.push(localOpsTable(local, options.localSize.toLocaleString('en-US')));
if (push.length > 0) tables.push(pushTable(push));
if (merge !== null) tables.push(mergeTable(merge));
if (memory.length > 0) tables.push(memoryTable(memory));

const wall = (performance.now() - started) / 1000;
const body = [
  `## Node: \`${command}\``,
  '',
  ...machine.map((l) => `- ${l}`),
  `- Load average at end: ${loadAverage()}; wall time ${wall.toFixed(0)} s`,
  ...notes.map((n) => `- ${n}`),
  '',
  ...tables.map(renderTable),
].join('\n');
if (tables.length > 0) {
  process.stdout.write(`${body}\n`);
  writeSection(options.out, 'node', body);
  log(`written to ${options.out}`);
}
