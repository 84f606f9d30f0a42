import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ContactDraft } from '@contactsync/core';
import { seedCard } from './seed-cards.js';

/** Debian's Radicale (installed by `scripts/ensure-carddav-servers.mjs`; never a downloaded binary). */
export const RADICALE_BIN = '/usr/bin/radicale';
/** The demo user; the relay serves this user's paths (`/{user}/...`) path for path. */
export const RADICALE_USER = 'carddav-demo';
const BOOK = 'contacts';

export interface DemoRadicale {
  /** `http://127.0.0.1:{port}`: for the relay and for "another client" (tests, the console). */
  readonly origin: string;
  readonly username: string;
  /** Random per run, held in this process's memory (and in Radicale's throwaway user file). */
  readonly password: string;
  /** The seeded address book's path, `/carddav-demo/contacts/`. */
  readonly bookPath: string;
  /** Radicale's folder for the book: one `.vcf` file per card, named as its href. */
  readonly folder: string;
  /** Basic credentials for requests made by the demo server itself. */
  readonly authorization: string;
  close(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

async function waitUntilUp(origin: string, child: ChildProcess, stderr: () => string): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (child.exitCode !== null) throw new Error(`Radicale exited (${child.exitCode}): ${stderr()}`);
    try {
      await fetch(origin, { method: 'OPTIONS' });
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 25)); // a starting process: nothing to wait on but time
    }
  }
  throw new Error(`Radicale at ${origin} did not start: ${stderr()}`);
}

/**
 * A real Radicale for the demo's CardDAV account: its own `--config` file (never Debian's
 * /etc/radicale/config), throwaway storage and user file in a temporary folder deleted on close, a
 * free loopback port. The book is made with MKCOL, then its cards are written straight into
 * Radicale's storage (one file per card, which it reads as it is): 2,000 PUTs would take a minute.
 * Returns null when Radicale is not installed.
 */
export async function startDemoRadicale(contacts: readonly ContactDraft[]): Promise<DemoRadicale | null> {
  if (!existsSync(RADICALE_BIN)) return null;
  const dir = await mkdtemp(join(tmpdir(), 'contactsync-demo-radicale-'));
  const password = randomBytes(12).toString('hex');
  const port = await freePort();
  await writeFile(join(dir, 'users'), `${RADICALE_USER}:${password}\n`, { mode: 0o600 });
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
  const child = spawn(RADICALE_BIN, ['--config', join(dir, 'radicale.conf')], { stdio: ['ignore', 'ignore', 'pipe'] });
  // If the demo process ends without closing, Radicale ends with it.
  const killOnExit = (): void => void child.kill('SIGTERM');
  process.once('exit', killOnExit);
  let err = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    err = (err + chunk.toString()).slice(-4_000);
  });
  const origin = `http://127.0.0.1:${port}`;
  const authorization = `Basic ${Buffer.from(`${RADICALE_USER}:${password}`).toString('base64')}`;
  const bookPath = `/${RADICALE_USER}/${BOOK}/`;
  const close = async (): Promise<void> => {
    process.removeListener('exit', killOnExit);
    if (child.exitCode === null) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      await exited;
    }
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await waitUntilUp(origin, child, () => err);
    const mkcol = `<?xml version="1.0" encoding="utf-8"?><d:mkcol xmlns:d="DAV:" xmlns:card="urn:ietf:params:xml:ns:carddav"><d:set><d:prop><d:resourcetype><d:collection/><card:addressbook/></d:resourcetype><d:displayname>Demo contacts</d:displayname></d:prop></d:set></d:mkcol>`;
    const made = await fetch(new URL(bookPath, origin), {
      method: 'MKCOL',
      headers: { Authorization: authorization, 'Content-Type': 'application/xml; charset=utf-8' },
      body: mkcol,
    });
    if (made.status !== 201) throw new Error(`MKCOL ${bookPath}: ${made.status}`);
    const folder = join(dir, 'collections', 'collection-root', RADICALE_USER, BOOK);
    await Promise.all(
      contacts.map((contact, index) => {
        const uid = randomUUID();
        return writeFile(join(folder, `${uid}.vcf`), seedCard(contact, uid, index));
      }),
    );
    return { origin, username: RADICALE_USER, password, bookPath, folder, authorization, close };
  } catch (error) {
    await close();
    throw error;
  }
}
