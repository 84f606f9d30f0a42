/**
 * Profiles one part of a benchmark with V8's sampling profiler and prints the top self-time frames:
 *   node dist/src/profile.js initial <provider> <contacts> <engine|plain>
 *   node dist/src/profile.js delta <provider> <contacts>
 *   node dist/src/profile.js writes <contacts>
 *   node dist/src/profile.js push <provider> <contacts>
 * Only the part named is profiled (setup is not). The profile is saved under bench/.tmp/profiles
 * (open it in Chrome DevTools or speedscope).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { resolve } from 'node:path';
import { EmulatorHost } from './host/host-client.js';
import { TMP_DIR } from './paths.js';
import { engineInitialSync } from './pipelines/engine-initial-sync.js';
import { freshIndexedDb } from './pipelines/fake-idb.js';
import { plainLoopInitialSync } from './pipelines/plain-loop.js';
import { clientProvider } from './providers/client-providers.js';
import type { ProviderId } from './providers/provider.js';
import { formatTop, type CpuProfile } from './report/profile-summary.js';

const [scenario = '', ...rest] = process.argv.slice(2);
const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.setSamplingInterval', { interval: 200 });

async function profiled<T>(name: string, work: () => Promise<T>): Promise<T> {
  await session.post('Profiler.start');
  const started = performance.now();
  const result = await work();
  const ms = performance.now() - started;
  const { profile } = (await session.post('Profiler.stop')) as { profile: CpuProfile };
  const dir = resolve(TMP_DIR, 'profiles');
  await mkdir(dir, { recursive: true });
  const file = resolve(dir, `${name}.cpuprofile`);
  await writeFile(file, JSON.stringify(profile));
  process.stdout.write(`== ${name}: ${ms.toFixed(0)} ms (profile: ${file})\n${formatTop(profile, 25)}\n`);
  return result;
}

const host = new EmulatorHost();
try {
  if (scenario === 'initial') {
    const [providerId = 'windows-live-xml', contacts = '10000', which = 'engine'] = rest;
    const provider = clientProvider(providerId as ProviderId);
    const emulator = await host.start(provider.id, Number(contacts));
    await profiled(`initial-${providerId}-${contacts}-${which}`, () =>
      which === 'plain'
        ? plainLoopInitialSync(provider, emulator.connection, freshIndexedDb(), 'p', { floor: false })
        : engineInitialSync(provider, emulator.connection, freshIndexedDb(), 'p', false).then((run) => run.times),
    );
  } else if (scenario === 'delta') {
    const [providerId = 'yahoo-json', contacts = '100000'] = rest;
    const provider = clientProvider(providerId as ProviderId);
    const emulator = await host.start(provider.id, Number(contacts));
    const { engine } = await engineInitialSync(provider, emulator.connection, freshIndexedDb(), 'p', true);
    if (engine === null) throw new Error('no engine');
    await host.edit(emulator.handle, 10, 1);
    await engine.sync(); // Unprofiled first delta.
    await profiled(`delta-${providerId}-${contacts}`, async () => {
      for (let round = 2; round < 5; round++) {
        await host.edit(emulator.handle, 10, round);
        const report = await engine.sync();
        if (report.pulled.updated !== 10) throw new Error(`pulled ${JSON.stringify(report.pulled)}`);
      }
    });
    await engine.close();
  } else if (scenario === 'writes') {
    const [contacts = '10000'] = rest;
    const provider = clientProvider('windows-live-xml');
    const emulator = await host.start(provider.id, Number(contacts));
    const { engine } = await engineInitialSync(provider, emulator.connection, freshIndexedDb(), 'p', true);
    if (engine === null) throw new Error('no engine');
    const all = await engine.contacts.list();
    const { generateContacts } = await import('@contactsync/adapters/emulators');
    const drafts = generateContacts(500, 5);
    await profiled('writes-create', async () => {
      for (const draft of drafts) await engine.contacts.create(draft);
    });
    await profiled('writes-update', async () => {
      for (const [i, contact] of all.slice(0, 500).entries()) await engine.contacts.update(contact.id, { notes: `edit ${i}` });
    });
    await engine.close();
  } else if (scenario === 'push') {
    const [providerId = 'yahoo-json', contacts = '1000'] = rest;
    const provider = clientProvider(providerId as ProviderId);
    const emulator = await host.start(provider.id, Number(contacts));
    const { engine } = await engineInitialSync(provider, emulator.connection, freshIndexedDb(), 'p', true);
    if (engine === null) throw new Error('no engine');
    for (const [i, c] of (await engine.contacts.list()).entries()) await engine.contacts.update(c.id, { notes: `offline ${i}` });
    await profiled(`push-${providerId}-${contacts}`, () => engine.sync());
    await engine.close();
  } else {
    throw new Error('scenarios: initial <provider> <n> <engine|plain> | delta <provider> <n> | writes <n> | push <provider> <n>');
  }
} finally {
  host.close();
  session.disconnect();
}
