import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, launchServerProcess, startRadicaleProcess, waitUntilUp } from '@contactsync/adapters/testing';

/**
 * Real CardDAV servers for the tests and the CardDAV benchmark, each on a free loopback port with throwaway storage and
 * Basic auth (docs/carddav.md "Testing"): Radicale with its own config file (never Debian's
 * /etc/radicale/config) and an htpasswd `plain` file, started by the launcher the demo uses too
 * (`@contactsync/adapters/testing`); Xandikos, which has no auth of its own,
 * behind a small Basic-auth layer written here. `scripts/ensure-carddav-servers.mjs` installs both.
 */

export interface CardDavServer {
  readonly name: 'radicale' | 'xandikos';
  /** Origin the client talks to (for Xandikos: the auth layer). */
  readonly url: string;
  readonly username: string;
  readonly password: string;
  /** The user's address book home (where test books are made). */
  readonly home: string;
  /** The folder where a book's path is a directory of `.vcf` files (Xandikos: a git work tree). */
  readonly storage: string;
  /** Requests that reached the server, as `METHOD path status` (auth layer / Radicale: none). */
  close(): Promise<void>;
}

export const USER = 'alice';
export const PASSWORD = 's3cret';

export interface RadicaleOptions {
  /** Writes a big book into the server's storage before it starts (see `RadicaleProcessOptions.seed`). */
  readonly seed?: (storage: string) => Promise<void>;
}

export async function startRadicale(options: RadicaleOptions = {}): Promise<CardDavServer> {
  const radicale = await startRadicaleProcess({
    users: { [USER]: PASSWORD },
    folderPrefix: 'carddav-radicale-',
    ...(options.seed === undefined ? {} : { seed: options.seed }),
  });
  return {
    name: 'radicale',
    url: radicale.origin,
    username: USER,
    password: PASSWORD,
    home: `/${USER}/`,
    storage: radicale.storageRoot,
    close: () => radicale.close(),
  };
}

/** Basic auth in front of Xandikos: 401 without the right credentials, else forwarded without them. */
function basicAuthLayer(target: number): Server {
  const expected = `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`;
  return createServer((req, res) => {
    if (req.headers.authorization !== expected) {
      res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="xandikos"', 'Content-Length': '0' }).end();
      req.resume();
      return;
    }
    const { authorization: _a, ...headers } = req.headers;
    const upstream = httpRequest({ host: '127.0.0.1', port: target, method: req.method, path: req.url, headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
}

export async function startXandikos(): Promise<CardDavServer> {
  const dir = await mkdtemp(join(tmpdir(), 'carddav-xandikos-'));
  const port = await freePort();
  const xandikos = launchServerProcess('/usr/bin/xandikos', [
    '-d',
    dir,
    '-l',
    '127.0.0.1',
    '-p',
    String(port),
    '--autocreate',
    '--current-user-principal',
    `/${USER}/`,
  ]);
  await waitUntilUp(`http://127.0.0.1:${port}/health`, xandikos);
  const layer = basicAuthLayer(port);
  await new Promise<void>((resolve) => layer.listen(0, '127.0.0.1', resolve));
  const { port: front } = layer.address() as AddressInfo;
  return {
    name: 'xandikos',
    url: `http://127.0.0.1:${front}`,
    username: USER,
    password: PASSWORD,
    home: `/${USER}/contacts/`,
    storage: dir,
    async close() {
      layer.closeAllConnections();
      await new Promise<void>((resolve) => layer.close(() => resolve()));
      await xandikos.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export const startServer = (name: 'radicale' | 'xandikos'): Promise<CardDavServer> =>
  name === 'radicale' ? startRadicale() : startXandikos();
