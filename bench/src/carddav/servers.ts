import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Real CardDAV servers for the tests and the CardDAV benchmark, each on a free loopback port with throwaway storage and
 * Basic auth (docs/carddav.md "Testing"): Radicale with its own config file (never Debian's
 * /etc/radicale/config) and an htpasswd `plain` file; Xandikos, which has no auth of its own,
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
  /** Stops the server and removes its storage. */
  close(): Promise<void>;
}

export const USER = 'alice';
export const PASSWORD = 's3cret';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function waitUntilUp(url: string, child: ChildProcess, stderr: () => string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}): ${stderr()}`);
    try {
      await fetch(url, { method: 'OPTIONS' });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 25)); // Polling a starting process: no clock to fake.
    }
  }
  throw new Error(`server at ${url} did not start: ${stderr()}`);
}

function launch(bin: string, args: string[]): { child: ChildProcess; stderr: () => string } {
  if (!existsSync(bin)) throw new Error(`${bin} is missing: run node scripts/ensure-carddav-servers.mjs`);
  const child = spawn(bin, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  // A test that times out skips its cleanup: the server still ends with the test process.
  const killOnExit = (): void => void child.kill('SIGTERM');
  process.once('exit', killOnExit);
  child.once('exit', () => process.removeListener('exit', killOnExit));
  let err = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    err = (err + chunk.toString()).slice(-4_000);
  });
  return { child, stderr: () => err };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  await exited;
}

export interface RadicaleOptions {
  /**
   * Runs before the server starts, with the folder that will be its `collection-root`: big books
   * are written there as files (one `.vcf` per card and the book's `.Radicale.props`), which
   * Radicale reads as they are, instead of one PUT per card (each costs more as the book grows).
   */
  readonly seed?: (storage: string) => Promise<void>;
}

export async function startRadicale(options: RadicaleOptions = {}): Promise<CardDavServer> {
  const dir = await mkdtemp(join(tmpdir(), 'carddav-radicale-'));
  const storage = join(dir, 'collections', 'collection-root');
  const port = await freePort();
  await writeFile(join(dir, 'users'), `${USER}:${PASSWORD}\n`);
  const config = [
    '[server]',
    `hosts = 127.0.0.1:${port}`,
    '[auth]',
    'type = htpasswd',
    `htpasswd_filename = ${join(dir, 'users')}`,
    'htpasswd_encryption = plain',
    'delay = 0',
    '[rights]',
    'type = owner_only',
    '[storage]',
    `filesystem_folder = ${join(dir, 'collections')}`,
    '[web]',
    'type = none',
    '[logging]',
    'level = warning',
  ].join('\n');
  await writeFile(join(dir, 'radicale.conf'), config);
  if (options.seed !== undefined) {
    await mkdir(storage, { recursive: true });
    await options.seed(storage);
  }
  const { child, stderr } = launch('/usr/bin/radicale', ['--config', join(dir, 'radicale.conf')]);
  const url = `http://127.0.0.1:${port}`;
  await waitUntilUp(url, child, stderr);
  return {
    name: 'radicale',
    url,
    username: USER,
    password: PASSWORD,
    home: `/${USER}/`,
    storage,
    async close() {
      await stop(child);
      await rm(dir, { recursive: true, force: true });
    },
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
  const { child, stderr } = launch('/usr/bin/xandikos', [
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
  await waitUntilUp(`http://127.0.0.1:${port}/health`, child, stderr);
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
      await stop(child);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export const startServer = (name: 'radicale' | 'xandikos'): Promise<CardDavServer> =>
  name === 'radicale' ? startRadicale() : startXandikos();
