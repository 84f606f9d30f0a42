/**
 * Microsoft Graph benchmark (issue 14, stretch): initial sync of 1,000 and 10,000 contacts and a
 * delta of 10, the engine against a plain loop, on the same emulator in the same run, as ratios.
 *
 *   npx tsc -b bench && node --expose-gc bench/dist/src/graph/graph-bench.js [--quick] [--out=FILE]
 *
 * The plain loop makes the same requests as the adapter (delta pages of 200, following nextLinks),
 * decodes and maps them with the adapter's own codec and mapping, and Dexie-`bulkPut`s rows of the
 * engine's shape in transactions of 2,000. The emulator runs in this process (unlike bench/'s
 * child-process host): both pipelines pay for it alike.
 */
import { writeFileSync } from 'node:fs';
import { createSyncEngine, type RemoteContact, type SyncEngine } from '@contactsync/core';
import { microsoftGraph } from '@contactsync/adapters';
import { generateContacts, startGraphEmulator, type GraphEmulator } from '@contactsync/adapters/emulators';
import { collectGarbage, freshIndexedDb } from '../pipelines/fake-idb.js';
import { ENGINE_CHUNK } from '../pipelines/idb.js';
import { openPlainDb, type PlainDb, type PlainRow } from '../pipelines/plain-loop.js';
import { graphCodec, graphRecord } from './graph-internals.js';

const quick = process.argv.includes('--quick');
const out = process.argv.find((a) => a.startsWith('--out='))?.slice('--out='.length);
const SIZES = quick ? [200, 1_000] : [1_000, 10_000];
const REPS = quick ? 2 : 3;
const DELTA = 10;
const DELTA_REPS = quick ? 3 : 5;
const PAGE = 200;

const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

function row(record: RemoteContact, now: number, id: string = crypto.randomUUID()): PlainRow {
  const c = record.contact;
  return {
    id,
    updatedAt: now,
    state: 'synced',
    remoteId: record.remoteId,
    version: record.version,
    ...c,
    ...(record.meta === undefined ? {} : { meta: record.meta }),
  };
}

/** One delta round with the adapter's request headers, decoded and mapped with its own code. */
async function fetchRound(emu: GraphEmulator, start: string, onRecords: (records: RemoteContact[]) => Promise<void>): Promise<string> {
  let url = start;
  for (;;) {
    const response = await fetch(url, {
      headers: { Authorization: `Bearer ${emu.control.token()}`, Accept: 'application/json', Prefer: `odata.maxpagesize=${PAGE}` },
    });
    const page = graphCodec.decodeDeltaPage(await response.text(), PAGE * 2);
    if (!page.ok) throw new Error(`plain loop: ${page.problem}`);
    const records: RemoteContact[] = [];
    for (const item of page.value.items) {
      if (item.kind !== 'contact') continue;
      const record = graphRecord.recordOf(item.contact);
      if (record !== null) records.push(record);
    }
    await onRecords(records);
    if (page.value.next.kind === 'deltaLink') return page.value.next.url;
    url = page.value.next.url;
  }
}

async function plainInitial(emu: GraphEmulator, name: string): Promise<{ ms: number; db: PlainDb; deltaLink: string }> {
  const started = performance.now();
  const db = openPlainDb(name, freshIndexedDb());
  await db.open();
  let pending: PlainRow[] = [];
  const now = Date.now();
  const flush = async (): Promise<void> => {
    const rows = pending;
    pending = [];
    await db.transaction('rw', db.contacts, () => db.contacts.bulkPut(rows));
  };
  const deltaLink = await fetchRound(emu, `${emu.url}/me/contacts/delta?$select=${graphRecord.SELECTED}`, async (records) => {
    for (const r of records) pending.push(row(r, now));
    if (pending.length >= ENGINE_CHUNK) await flush();
  });
  if (pending.length > 0) await flush();
  return { ms: performance.now() - started, db, deltaLink };
}

async function plainDelta(emu: GraphEmulator, db: PlainDb, deltaLink: string): Promise<{ ms: number; deltaLink: string }> {
  const started = performance.now();
  const now = Date.now();
  const next = await fetchRound(emu, deltaLink, async (records) => {
    await db.transaction('rw', db.contacts, async () => {
      const existing = await Promise.all(records.map((r) => db.contacts.where('remoteId').equals(r.remoteId).first()));
      await db.contacts.bulkPut(records.map((r, i) => row(r, now, existing[i]?.id)));
    });
  });
  return { ms: performance.now() - started, deltaLink: next };
}

async function engineInitial(emu: GraphEmulator, name: string): Promise<{ ms: number; engine: SyncEngine; requests: number }> {
  let requests = 0;
  const service = microsoftGraph({
    baseUrl: emu.url,
    getAccessToken: () => emu.control.token(),
    pageSize: PAGE,
    fetch: (input, init) => {
      requests++;
      return fetch(input, init);
    },
  });
  const started = performance.now();
  const engine = await createSyncEngine({ databaseName: name, service, ...freshIndexedDb() });
  const report = await engine.sync();
  if (report.outcome !== 'ok') throw new Error(`engine: ${report.outcome}`);
  return { ms: performance.now() - started, engine, requests };
}

interface Row {
  readonly what: string;
  readonly engine: number;
  readonly plain: number;
}

async function main(): Promise<void> {
  const rows: Row[] = [];
  for (const size of SIZES) {
    const emu = await startGraphEmulator({ seedContacts: generateContacts(size, 1) });
    try {
      const engineTimes: number[] = [];
      const plainTimes: number[] = [];
      let keptEngine: SyncEngine | null = null;
      let keptPlain: { db: PlainDb; deltaLink: string } | null = null;
      for (let rep = 0; rep < REPS; rep++) {
        collectGarbage();
        const last = rep === REPS - 1;
        // Alternate which pipeline goes first, so neither always meets a warmer process.
        const order = rep % 2 === 0 ? ['engine', 'plain'] : ['plain', 'engine'];
        for (const which of order) {
          if (which === 'engine') {
            const run = await engineInitial(emu, `engine-${size}-${rep}`);
            engineTimes.push(run.ms);
            if (last) keptEngine = run.engine;
            else await run.engine.close();
          } else {
            const run = await plainInitial(emu, `plain-${size}-${rep}`);
            plainTimes.push(run.ms);
            if (last) keptPlain = { db: run.db, deltaLink: run.deltaLink };
            else run.db.close();
          }
        }
      }
      rows.push({ what: `initial sync, ${size.toLocaleString('en')} contacts`, engine: median(engineTimes), plain: median(plainTimes) });
      if (keptEngine === null || keptPlain === null) throw new Error('nothing kept for the delta');
      const kept = { engine: keptEngine, plain: keptPlain.db };
      const ids = emu.control.list().map((e) => e.remoteId);
      const engineDelta: number[] = [];
      const plainDeltaTimes: number[] = [];
      let deltaLink = keptPlain.deltaLink;
      for (let rep = 0; rep < DELTA_REPS; rep++) {
        for (let i = 0; i < DELTA; i++) emu.control.update(ids[(rep * DELTA + i) % ids.length] as string, { notes: `delta ${rep} ${i}` });
        const started = performance.now();
        const report = await kept.engine.sync();
        engineDelta.push(performance.now() - started);
        if (report.outcome !== 'ok' || report.pulled.updated !== DELTA)
          throw new Error(`engine delta: ${report.outcome} ${JSON.stringify(report.pulled)}`);
        const plain = await plainDelta(emu, kept.plain, deltaLink);
        plainDeltaTimes.push(plain.ms);
        deltaLink = plain.deltaLink;
      }
      rows.push({ what: `delta of ${DELTA} in ${size.toLocaleString('en')}`, engine: median(engineDelta), plain: median(plainDeltaTimes) });
      await kept.engine.close();
      kept.plain.close();
    } finally {
      await emu.close();
    }
  }
  const lines = [
    `Microsoft Graph, Node ${process.version}, fake-indexeddb, emulator in process; medians of ${REPS} (initial) and ${DELTA_REPS} (delta) runs${quick ? ' (--quick)' : ''}.`,
    '',
    '| Run | Engine ms | Plain loop ms | Engine / plain |',
    '|---|---:|---:|---:|',
    ...rows.map((r) => `| ${r.what} | ${r.engine.toFixed(0)} | ${r.plain.toFixed(0)} | ${(r.engine / r.plain).toFixed(2)}x |`),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  if (out !== undefined) writeFileSync(out, `${lines.join('\n')}\n`);
}

await main();
