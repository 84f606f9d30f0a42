import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { createCardDavRelay, type RelayHandler } from '@contactsync/adapters';
import { generateContacts } from '@contactsync/adapters/emulators';
import { API_PATHS, OWN_CARDDAV_PATH, type DemoAccount } from '../shared/demo-accounts.js';
import { cardDavDriver } from './carddav-driver.js';
import { graphDriver, windowsLiveDriver, yahooDriver, type ConsoleDriver } from './console-drivers.js';
import { handleConsole, type ConsoleState } from './console-routes.js';
import { demoAccounts, PROXY_PREFIXES } from './demo-accounts.js';
import { startDemoEmulators, type DemoEmulators } from './demo-emulators.js';
import { demoPersistence } from './demo-persistence.js';
import { RADICALE_USER, startDemoRadicale, type DemoRadicale } from './demo-radicale.js';
import { ownCardDavRelays } from './own-carddav.js';
import { answerNetworkDown, proxyRequest, type ProxyRoute } from './service-proxy.js';
import { serveStatic } from './static-files.js';

export interface DemoOptions {
  /** The built app (Vite's `outDir`). */
  readonly appDir: string;
  /** 0 picks a free port; when a fixed port is taken, a free one is used instead. Default 0. */
  readonly port?: number;
  /** Default 127.0.0.1: the demo is for this machine only. */
  readonly host?: string;
  readonly contactsPerAccount?: number;
  /** The contact generator's seed (deterministic books). */
  readonly seed?: number;
  /** Where books are kept between runs (see `demo-persistence.ts`); none: every run starts afresh. */
  readonly stateDir?: string;
  /** Start the CardDAV account's Radicale (default true; it is skipped when not installed). */
  readonly carddav?: boolean;
}

export interface DemoServer {
  /** The app's address, e.g. `http://127.0.0.1:5170/`. */
  readonly url: string;
  readonly accounts: readonly DemoAccount[];
  /** The running emulators, for tests that inspect or stage server-side state directly. */
  readonly emulators: DemoEmulators;
  /** The real Radicale behind the CardDAV account, or null (not installed, or not asked for). */
  readonly radicale: DemoRadicale | null;
  close(): Promise<void>;
}

/**
 * The demo: the emulators seeded with realistic books, and one HTTP server on loopback that serves the
 * built app, the account list, the server console, and a same-origin proxy to each emulator (so the
 * browser needs no CORS). The demo command and the browser tests both start it through here.
 */
export async function startDemo(options: DemoOptions): Promise<DemoServer> {
  const appDir = resolve(options.appDir);
  const kept = demoPersistence(options.stateDir);
  const emulators = await startDemoEmulators({
    contactsPerAccount: options.contactsPerAccount ?? 2000,
    seed: options.seed ?? 2026,
    windowsLiveRestored: kept.windowsLiveRestored,
    ...(kept.windowsLivePath === undefined ? {} : { windowsLivePath: kept.windowsLivePath }),
  });
  const contactsPerAccount = options.contactsPerAccount ?? 2000;
  let radicale: DemoRadicale | null = null;
  try {
    // The generator's next book after the emulators' four.
    radicale =
      options.carddav === false
        ? null
        : await startDemoRadicale(generateContacts(contactsPerAccount, (options.seed ?? 2026) + 4), {
            ...(kept.radicaleDir === undefined ? {} : { folder: kept.radicaleDir }),
            restored: kept.radicaleRestored,
          });
  } catch (error) {
    await emulators.close();
    throw error;
  }
  const accounts = demoAccounts(emulators, kept.runIds, radicale);
  // The adapter's relay: the page cannot call Radicale itself (no CORS); the relay serves its
  // user's paths on this origin, path for path, and forwards the page's Authorization header.
  const relay: RelayHandler | null =
    radicale === null ? null : createCardDavRelay({ target: radicale.origin, basePath: `/${RADICALE_USER}/` });
  const relayed = (url: string): boolean => url.startsWith(`/${RADICALE_USER}/`) || url.startsWith('/.well-known/carddav');
  const routes: ProxyRoute[] = [
    { prefix: PROXY_PREFIXES.wl, target: emulators.windowsLive.url },
    { prefix: PROXY_PREFIXES['yahoo-xml'], target: emulators.yahooXml.url, addHeaders: { cookie: emulators.yahooXml.cookie } },
    { prefix: PROXY_PREFIXES['yahoo-json'], target: emulators.yahooJson.url, addHeaders: { cookie: emulators.yahooJson.cookie } },
    { prefix: PROXY_PREFIXES.graph, target: emulators.graph.origin, rewriteLinks: true },
  ];
  const state: ConsoleState = {
    networkUp: true,
    drivers: new Map<string, ConsoleDriver>([
      ['wl', windowsLiveDriver(emulators.windowsLive)],
      ['yahoo-xml', yahooDriver(emulators.yahooXml)],
      ['yahoo-json', yahooDriver(emulators.yahooJson)],
      ['graph', graphDriver(emulators.graph)],
      ...(radicale === null ? [] : [['carddav', cardDavDriver(radicale)] as const]),
    ]),
  };

  const own = ownCardDavRelays(() => (server.address() as AddressInfo | null)?.port ?? 0);
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = req.url ?? '/';
    if (url.startsWith(`${OWN_CARDDAV_PATH}/`) && !state.networkUp) {
      answerNetworkDown(req, res);
      return;
    }
    if (await own.handle(req, res)) return;
    const route = routes.find((r) => url === r.prefix || url.startsWith(`${r.prefix}/`));
    if (route !== undefined) {
      if (state.networkUp) proxyRequest(route, req, res);
      else answerNetworkDown(req, res);
      return;
    }
    if (relay !== null && relayed(url)) {
      if (!state.networkUp) answerNetworkDown(req, res);
      else if (!relay(req, res)) res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found');
      return;
    }
    if (url.split('?')[0] === API_PATHS.accounts) {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
      res.end(JSON.stringify(accounts));
      return;
    }
    if (await handleConsole(state, req, res)) return;
    if (url.startsWith('/api/')) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found');
      return;
    }
    await serveStatic(appDir, req, res);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('The demo server failed on this request.');
    });
  });
  const host = options.host ?? '127.0.0.1';
  try {
    await listen(server, options.port ?? 0, host).catch(async (error: unknown) => {
      if ((error as { code?: unknown }).code !== 'EADDRINUSE' || (options.port ?? 0) === 0) throw error;
      await listen(server, 0, host);
    });
  } catch (error) {
    await emulators.close();
    await radicale?.close();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}/`,
    accounts,
    emulators,
    radicale,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
      await emulators.close();
      await radicale?.close();
    },
  };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((done, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => {
      server.off('error', fail);
      done();
    });
  });
}
