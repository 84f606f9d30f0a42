import { decodeGraphPage, fetchFirstGraphPage, fetchNextGraphPage, GRAPH_PAGE, graphToken } from './microsoft-graph-pages.js';
import type { ClientProvider } from './provider.js';

/**
 * Microsoft Graph contacts: a first sync is one delta round, pages of 200 under `@odata.nextLink`
 * until the `@odata.deltaLink` (docs/microsoft-graph.md). The plain loop makes the adapter's
 * requests and uses its codec and mapping.
 */
export const graphClient: ClientProvider = {
  id: 'microsoft-graph',
  label: 'Microsoft Graph',
  async service(connection, fetch) {
    const { microsoftGraph } = await import('@contactsync/adapters');
    const bearer = graphToken(connection);
    return microsoftGraph({ baseUrl: connection.url, getAccessToken: () => bearer, fetch, pageSize: GRAPH_PAGE });
  },
  fetchBook: fetchFirstGraphPage,
  decode: (page) => decodeGraphPage(page).map,
  fetchNext: (page, connection, fetch) => fetchNextGraphPage(page, connection, fetch),
  // Loaded on demand, like `service`: it brings Dexie, which RxDB's process must not load.
  plainDelta: async (connection) => (await import('./microsoft-graph-plain-delta.js')).graphPlainDelta(connection),
};
