import { createDavHttp, discoverAddressBooks } from '@contactsync/adapters';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RemoteClient } from './remote-book.js';
import { startServer, type CardDavServer } from './servers.js';

/** Discovery from the server's root URL against real servers (RFC 6764, RFC 5397, RFC 6352 §7). */
describe.each(['radicale', 'xandikos'] as const)('discovery on %s', (kind) => {
  let server: CardDavServer;
  beforeAll(async () => {
    server = await startServer(kind);
  });
  afterAll(async () => {
    await server.close();
  });

  it('finds the address books under the home set with their names, reports and tokens', async () => {
    const remote = new RemoteClient(server);
    const work = await remote.makeBook('work', 'Work people');
    await remote.makeBook('family', 'Family');
    const http = createDavHttp({
      origin: server.url,
      auth: { username: server.username, password: server.password },
      fetch: (u, i) => fetch(u, i),
      timeoutMs: 5_000,
    });
    const books = await discoverAddressBooks(http, `${server.url}/`);
    if (!('length' in books)) throw new Error(JSON.stringify(books));
    const found = [...books].sort((a, b) => a.displayName.localeCompare(b.displayName));
    expect(found.map((b) => b.displayName)).toEqual(['Family', 'Work people']);
    const book = found[1];
    expect(book?.url).toBe(work);
    expect(book).toMatchObject({ supportsSyncCollection: true, supportsMultiget: true });
    expect(book?.syncToken).toBeTruthy();
    expect(book?.ctag).toBeTruthy();
  });

  it('answers a wrong password with auth-required', async () => {
    const http = createDavHttp({
      origin: server.url,
      auth: { username: server.username, password: 'wrong' },
      fetch: (u, i) => fetch(u, i),
      timeoutMs: 5_000,
    });
    expect(await discoverAddressBooks(http, server.url)).toMatchObject({ kind: 'auth-required' });
  });
});
