import { randomUUID } from 'node:crypto';
import { createDavHttp } from '@contactsync/adapters';
import { describe, it } from 'vitest';
import { multiget } from '../../packages/adapters/src/carddav/multiget.js';
import { syncCollection } from '../../packages/adapters/src/carddav/sync-collection.js';
import { recordFromCard } from '../../packages/adapters/src/carddav/record.js';
import { newCard } from '../../packages/adapters/src/carddav/vcard-patch.js';
import { person, seedBook } from './kit.js';
import { RemoteClient } from './remote-book.js';
import { startServer } from './servers.js';

/**
 * Measurements behind docs/carddav.md (multiget batch size; what a replica row carries). Not a
 * test: it asserts nothing and runs only with CARDDAV_MEASURE=1, printing its figures:
 *   CARDDAV_MEASURE=1 npx vitest run test/carddav/measure.test.ts
 */
describe.runIf(process.env['CARDDAV_MEASURE'] === '1')('CardDAV measurements', () => {
  it.each([
    ['radicale', 1_000],
    ['xandikos', 300],
  ] as const)(
    'multiget batch sizes on %s with %i cards',
    async (kind, size) => {
      const server = await startServer(kind);
      try {
        const remote = new RemoteClient(server);
        const seed = Array.from({ length: size }, (_, i) =>
          person(`M${i}`, { notes: `note ${i}`, phones: [{ type: 'mobile', number: `+1 555 ${i}` }] }),
        );
        const bookUrl = await seedBook(remote, seed);
        const http = createDavHttp({
          origin: server.url,
          auth: { username: server.username, password: server.password },
          fetch: (u, i) => fetch(u, i),
          timeoutMs: 120_000,
        });
        const listing = await syncCollection(http, bookUrl, '', undefined);
        if (listing.kind !== 'changes') throw new Error(JSON.stringify(listing));
        const paths = listing.changed.map((c) => c.path);
        for (const batch of [10, 50, 100, 200, 500, size]) {
          const times: number[] = [];
          for (let rep = 0; rep < 3; rep++) {
            const start = performance.now();
            const fetched = await multiget(http, bookUrl, paths, batch, undefined);
            times.push(performance.now() - start);
            if (!('records' in fetched) || fetched.records.length !== size) throw new Error('incomplete');
          }
          times.sort((a, b) => a - b);
          process.stdout.write(
            `${kind} n=${size} batch=${batch} requests=${Math.ceil(size / batch)} median=${Math.round(times[1] ?? 0)}ms min=${Math.round(times[0] ?? 0)}ms\n`,
          );
        }
      } finally {
        await server.close();
      }
    },
    600_000,
  );

  it('replica meta per card', () => {
    const plain = newCard('3.0', randomUUID(), person('Plain', { notes: 'a note', phones: [{ type: 'mobile', number: '+1 555 0100' }] }));
    const photo = plain.replace('END:VCARD', `PHOTO;ENCODING=b;TYPE=JPEG:${'A'.repeat(60_000)}\r\nEND:VCARD`);
    for (const [name, text] of [
      ['plain', plain],
      ['with a 60 KB photo', photo],
    ] as const) {
      const record = recordFromCard('/alice/book/x.vcf', '"etag"', text);
      process.stdout.write(
        `${name}: card ${text.length} chars, meta ${JSON.stringify(record.meta).length} chars, draft ${JSON.stringify(record.contact).length} chars\n`,
      );
    }
  });
});
