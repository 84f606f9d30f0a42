import type { ClientProvider, ProviderId } from './provider.js';
import { windowsLiveClient } from './windows-live-client.js';
import { yahooClient } from './yahoo-client.js';

export const PROVIDER_IDS: readonly ProviderId[] = ['windows-live-xml', 'yahoo-xml', 'yahoo-json'];

/** The client side of a provider (in Node and in the browser bundle alike). */
export function clientProvider(id: ProviderId): ClientProvider {
  if (id === 'windows-live-xml') return windowsLiveClient;
  return yahooClient(id === 'yahoo-json' ? 'json' : 'xml');
}
