import { graphClient } from './microsoft-graph-client.js';
import type { ClientProvider, ProviderId } from './provider.js';
import { windowsLiveClient } from './windows-live-client.js';
import { yahooClient } from './yahoo-client.js';

export const PROVIDER_IDS: readonly ProviderId[] = ['windows-live-xml', 'yahoo-xml', 'yahoo-json'];
/** The Node benchmarks' services: the browser's, and Microsoft Graph (whose links name the emulator's own origin, which the browser bench's proxy does not rewrite). */
export const NODE_PROVIDER_IDS: readonly ProviderId[] = [...PROVIDER_IDS, 'microsoft-graph'];

/** The client side of a provider (in Node and in the browser bundle alike). */
export function clientProvider(id: ProviderId): ClientProvider {
  if (id === 'windows-live-xml') return windowsLiveClient;
  if (id === 'microsoft-graph') return graphClient;
  return yahooClient(id === 'yahoo-json' ? 'json' : 'xml');
}
