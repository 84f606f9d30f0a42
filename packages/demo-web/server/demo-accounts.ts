import type { DemoAccount } from '../shared/demo-accounts.js';
import type { DemoEmulators } from './demo-emulators.js';
import type { DemoRadicale } from './demo-radicale.js';
import type { DemoAccountId } from './demo-persistence.js';

/** Where the proxy serves each account's emulator, on the app's own origin. */
export const PROXY_PREFIXES = {
  wl: '/api/wl',
  'yahoo-xml': '/api/yahoo-xml',
  'yahoo-json': '/api/yahoo-json',
  graph: '/api/graph',
} as const;

/**
 * The accounts the app may open. `runIds` name each account's book in the database names, so a
 * browser's replica of an earlier run's book is never synced against a different book that happens
 * to reuse its ids (see `demo-persistence.ts`: a restored book keeps its run id).
 */
export function demoAccounts(
  emulators: DemoEmulators,
  runIds: Readonly<Record<DemoAccountId, string>>,
  radicale: DemoRadicale | null,
): DemoAccount[] {
  const databaseName = (id: DemoAccountId): string => `contactsync-demo/${id}/${runIds[id]}`;
  const { windowsLive, yahooXml, yahooJson, graph } = emulators;
  // Without Radicale installed the CardDAV account is not offered (the demo command says why).
  const cardDav: DemoAccount[] =
    radicale === null
      ? []
      : [
          {
            id: 'carddav',
            label: 'CardDAV (Radicale)',
            service: 'carddav',
            databaseName: databaseName('carddav'),
            baseUrl: radicale.bookPath,
            username: radicale.username,
            password: radicale.password,
          },
        ];
  return [
    {
      id: 'wl',
      label: 'Windows Live (emulated)',
      service: 'windows-live',
      databaseName: databaseName('wl'),
      baseUrl: PROXY_PREFIXES.wl,
      lid: windowsLive.lid,
      token: windowsLive.token,
    },
    {
      id: 'yahoo-xml',
      label: 'Yahoo, XML (emulated)',
      service: 'yahoo',
      format: 'xml',
      databaseName: databaseName('yahoo-xml'),
      baseUrl: PROXY_PREFIXES['yahoo-xml'],
      appid: yahooXml.appid,
      wssid: yahooXml.wssid,
    },
    {
      id: 'yahoo-json',
      label: 'Yahoo, JSON (emulated)',
      service: 'yahoo',
      format: 'json',
      databaseName: databaseName('yahoo-json'),
      baseUrl: PROXY_PREFIXES['yahoo-json'],
      appid: yahooJson.appid,
      wssid: yahooJson.wssid,
    },
    {
      id: 'graph',
      label: 'Microsoft Graph (emulated)',
      service: 'microsoft-graph',
      databaseName: databaseName('graph'),
      // The emulator's service root is `{origin}/v1.0`; the proxy serves its origin under the prefix.
      baseUrl: `${PROXY_PREFIXES.graph}/v1.0`,
      token: graph.control.token(),
    },
    ...cardDav,
  ];
}
