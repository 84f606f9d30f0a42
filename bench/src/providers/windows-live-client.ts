import type { RemoteContact } from '@contactsync/core';
import { wlCodec, wlRecord } from '../internals.js';
import type { BookResponse, ClientProvider, Connection, Fetch } from './provider.js';

function credentials(connection: Connection): { lid: string; token: string } {
  const { lid, token } = connection.credentials;
  if (lid === undefined || token === undefined) throw new Error('a Windows Live connection needs lid and token');
  return { lid, token };
}

/** Windows Live Contacts: a first sync is one root GET whose 200 carries the whole book (§1.4). */
export const windowsLiveClient: ClientProvider = {
  id: 'windows-live-xml',
  label: 'Windows Live XML',
  async service(connection, fetch) {
    const { windowsLive } = await import('@contactsync/adapters');
    // A 100,000-contact book can take the emulator longer than the default 30 s to build on a loaded machine.
    return windowsLive({ baseUrl: connection.url, ...credentials(connection), fetch, timeoutMs: 600_000 });
  },
  async fetchBook(connection: Connection, fetch: Fetch): Promise<BookResponse> {
    const { lid, token } = credentials(connection);
    // The same request line and headers as the adapter's transport sends for a first pull.
    const response = await fetch(`${connection.url}/users/@L@${lid}/rest/LiveContacts`, {
      method: 'GET',
      headers: { Authorization: `DelegatedToken dt="${token}"`, Accept: 'application/xml' },
    });
    const body = await response.text();
    if (response.status !== 200) throw new Error(`Windows Live book: HTTP ${response.status}`);
    return { body, headers: response.headers };
  },
  decode(book: BookResponse): () => RemoteContact[] {
    const decoded = wlCodec.decodeBook(book.body);
    if (!decoded.ok) throw new Error(`Windows Live book: ${decoded.problem}`);
    const version = book.headers.get('Last-Modified') ?? '';
    return () => {
      const records: RemoteContact[] = [];
      for (const contact of decoded.value.contacts) {
        if (contact.ID === undefined || contact.IsDeleted?.trim().toLowerCase() === 'true') continue;
        records.push(wlRecord.recordFromWire(contact.ID, contact, version));
      }
      return records;
    };
  },
};
