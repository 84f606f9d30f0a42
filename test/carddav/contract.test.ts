import { carddav } from '@contactsync/adapters';
import { describeServiceContract } from '@contactsync/core/testing';
import { afterAll } from 'vitest';
import { RemoteClient } from './remote-book.js';
import { startServer, type CardDavServer } from './servers.js';

/**
 * The service-port contract for the CardDAV adapter against real Radicale and Xandikos over
 * loopback HTTP. One server per kind for the file; a fresh address book per case.
 */
for (const kind of ['radicale', 'xandikos'] as const) {
  let server: Promise<CardDavServer> | null = null;
  afterAll(async () => {
    if (server !== null) await (await server).close();
  });
  describeServiceContract({
    name: `CardDAV adapter + ${kind}`,
    setup: async () => {
      server ??= startServer(kind);
      const s = await server;
      const remote = new RemoteClient(s);
      const bookUrl = await remote.makeBook();
      return {
        service: carddav({ bookUrl, auth: { username: s.username, password: s.password } }),
        remote: {
          create: (contact) => remote.create(bookUrl, contact),
          update: (remoteId, change) => remote.update(remoteId, change),
          remove: async (remoteId) => {
            await remote.remove(remoteId);
          },
          list: () => remote.list(bookUrl),
        },
        advance: async () => {},
        close: async () => {},
      };
    },
  });
}
