/**
 * One initial sync in a process of its own, so its peak RSS is not mixed with anything else's:
 * `node memory-child.js <engine|plain> <provider> <connection JSON> <contacts>`.
 * Prints one JSON line: { maxRssBytes, ms, contacts }.
 */
import { engineInitialSync } from './pipelines/engine-initial-sync.js';
import { freshIndexedDb } from './pipelines/fake-idb.js';
import { plainLoopInitialSync } from './pipelines/plain-loop.js';
import { clientProvider } from './providers/client-providers.js';
import type { Connection, ProviderId } from './providers/provider.js';

const [mode, providerId, connectionJson, contactsArg] = process.argv.slice(2);
if ((mode !== 'engine' && mode !== 'plain') || providerId === undefined || connectionJson === undefined || contactsArg === undefined) {
  throw new Error('usage: memory-child <engine|plain> <provider> <connection JSON> <contacts>');
}
const provider = clientProvider(providerId as ProviderId);
const connection = JSON.parse(connectionJson) as Connection;
const times =
  mode === 'engine'
    ? (await engineInitialSync(provider, connection, freshIndexedDb(), 'memory', false)).times
    : await plainLoopInitialSync(provider, connection, freshIndexedDb(), 'memory', { floor: false });
if (times.contacts !== Number(contactsArg)) throw new Error(`stored ${times.contacts}, expected ${contactsArg}`);
// ru_maxrss: kilobytes on Linux.
process.stdout.write(
  `${JSON.stringify({ maxRssBytes: process.resourceUsage().maxRSS * 1024, ms: times.total, contacts: times.contacts })}\n`,
);
