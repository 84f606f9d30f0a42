/**
 * RxDB's initial syncs in a process of their own: RxDB 17 pins Dexie 4.4.2 and Dexie refuses to be
 * loaded twice in one realm, next to the engine's 4.4.7.
 * `node rxdb-child.js <provider> <connection JSON> <contacts> <reps>`;
 * prints one JSON line: StageTimes[].
 */
import { freshIndexedDb } from './pipelines/fake-idb.js';
import { rxdbInitialSync } from './pipelines/rxdb-initial-sync.js';
import type { StageTimes } from './pipelines/stages.js';
import { clientProvider } from './providers/client-providers.js';
import type { Connection, ProviderId } from './providers/provider.js';

const [providerId, connectionJson, contactsArg, repsArg] = process.argv.slice(2);
if (providerId === undefined || connectionJson === undefined || contactsArg === undefined || repsArg === undefined) {
  throw new Error('usage: rxdb-child <provider> <connection JSON> <contacts> <reps>');
}
const provider = clientProvider(providerId as ProviderId);
const connection = JSON.parse(connectionJson) as Connection;
const runs: StageTimes[] = [];
for (let rep = 0; rep < Number(repsArg); rep++) {
  (globalThis as { gc?: () => void }).gc?.();
  const times = await rxdbInitialSync(provider, connection, freshIndexedDb(), `rxdb-${rep}`);
  if (times.contacts !== Number(contactsArg)) throw new Error(`RxDB stored ${times.contacts}, expected ${contactsArg}`);
  runs.push(times);
}
process.stdout.write(`${JSON.stringify(runs)}\n`);
