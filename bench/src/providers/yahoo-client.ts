import type { RemoteContact } from '@contactsync/core';
import { yahooJson, yahooResults, yahooXml } from '../internals.js';
import type { BookResponse, ClientProvider, Connection, Fetch } from './provider.js';

function credentials(connection: Connection): { appid: string; wssid: string; cookie: string } {
  const { appid, wssid, cookie } = connection.credentials;
  if (appid === undefined || wssid === undefined || cookie === undefined)
    throw new Error('a Yahoo connection needs appid, wssid and cookie');
  return { appid, wssid, cookie };
}

/** Yahoo Address Book in one wire format: a first sync is one `synchronize` GET with `myrev=0` (§2.2). */
export function yahooClient(format: 'xml' | 'json'): ClientProvider {
  const codec = format === 'json' ? yahooJson.jsonCodec : yahooXml.xmlCodec;
  return {
    id: format === 'json' ? 'yahoo-json' : 'yahoo-xml',
    label: format === 'json' ? 'Yahoo JSON' : 'Yahoo XML',
    async service(connection, fetch) {
      const { yahooAddressBook } = await import('@contactsync/adapters');
      // As for Windows Live: the emulator builds a 100,000-contact answer before its first byte, which on a loaded machine takes over the default 30 s.
      return yahooAddressBook({ baseUrl: connection.url, ...credentials(connection), format, fetch, timeoutMs: 600_000 });
    },
    async fetchBook(connection: Connection, fetch: Fetch): Promise<BookResponse> {
      const { appid, wssid, cookie } = credentials(connection);
      // The same URL and headers as the adapter's transport sends for a first pull.
      const url = new URL('v1/synchronize', `${connection.url}/`);
      url.searchParams.set('format', format);
      url.searchParams.set('myrev', '0');
      url.searchParams.set('appid', appid);
      url.searchParams.set('WSSID', wssid);
      const accept = format === 'json' ? 'application/json, text/javascript' : 'application/xml, text/xml';
      const response = await fetch(url, { method: 'GET', headers: { cookie, accept } });
      const body = await response.text();
      if (response.status !== 200) throw new Error(`Yahoo book: HTTP ${response.status}`);
      return { body, headers: response.headers };
    },
    decode(book: BookResponse): () => RemoteContact[] {
      const decoded = codec.decodeResponse(book.body);
      if (decoded.kind !== 'sync') throw new Error(`Yahoo book: ${decoded.kind}`);
      return () => {
        const records: RemoteContact[] = [];
        for (const record of yahooResults.recordsOf(decoded.response).values()) if (record !== null) records.push(record);
        return records;
      };
    },
  };
}
