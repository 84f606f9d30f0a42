/**
 * The accounts the demo server offers, as `GET /api/accounts` sends them to the app. Shared by the
 * server (which fills them from its running emulators) and the app (which checks them at the edge).
 */

interface AccountBase {
  /** Stable for the account: `wl`, `yahoo-xml`, `yahoo-json`. Used in the console's URLs. */
  readonly id: string;
  readonly label: string;
  /**
   * The IndexedDB database of this account's replica. It names the emulator run too: a fresh
   * emulator book is a different server-side book, and a replica of an older one must not be
   * reconciled against it.
   */
  readonly databaseName: string;
  /** Same-origin path the proxy forwards to the emulator, e.g. `/api/wl`. */
  readonly baseUrl: string;
}

export interface WindowsLiveAccount extends AccountBase {
  readonly service: 'windows-live';
  readonly lid: string;
  readonly token: string;
}

/**
 * No cookie here: a page may not set `Cookie` on a fetch (a forbidden header), and Yahoo's `Y`
 * cookie lived in the browser's cookie jar. The demo proxy plays that jar and adds it.
 */
export interface YahooAccount extends AccountBase {
  readonly service: 'yahoo';
  readonly format: 'xml' | 'json';
  readonly appid: string;
  readonly wssid: string;
}

/**
 * A Microsoft Graph mailbox on its emulator. The access token is the emulator's (a real app gets one
 * from MSAL); `baseUrl` is the proxied service root (`/api/graph/v1.0`).
 */
export interface GraphAccount extends AccountBase {
  readonly service: 'microsoft-graph';
  readonly token: string;
}

/**
 * A CardDAV address book on the real Radicale the demo starts, reached through the adapter's relay
 * on the demo's origin (`baseUrl` is the book's path, the same on the relay as on Radicale). The
 * password is held in memory only: the page never stores it (see `load-accounts.ts`).
 */
export interface CardDavAccount extends AccountBase {
  readonly service: 'carddav';
  readonly username: string;
  readonly password: string;
  /**
   * A server the person connected (see `OWN_CARDDAV_PATH`): `baseUrl` is then the book's real URL
   * and every request goes through this relay path on the demo's origin. Absent for the demo's
   * Radicale, whose relay serves its paths as they are.
   */
  readonly relayPath?: string;
}

export type DemoAccount = WindowsLiveAccount | YahooAccount | GraphAccount | CardDavAccount;

export const API_PATHS = {
  accounts: '/api/accounts',
  /** POST `{ online: boolean }`; GET answers `{ online }`. */
  network: '/api/console/network',
  /** POST `/api/console/{accountId}/{action}` with the action's JSON body. */
  console: '/api/console',
} as const;

/**
 * "Connect your own CardDAV server": POST `{ url }` answers `{ relayPath, origin }`, a relay fixed to
 * that server (on this machine only); `{relayPath}{server path}` reaches `{origin}{server path}`.
 */
export const OWN_CARDDAV_PATH = '/api/own-carddav';

/** A proxied service response carries this header when the demo's simulated network is down. */
export const NETWORK_DOWN_HEADER = 'x-demo-network';
