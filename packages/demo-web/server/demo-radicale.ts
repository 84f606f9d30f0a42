import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { RADICALE_BIN, startRadicaleProcess } from '@contactsync/adapters/testing';
import type { ContactDraft } from '@contactsync/core';
import { seedCard } from './seed-cards.js';

/** The demo user; the relay serves this user's paths (`/{user}/...`) path for path. */
export const RADICALE_USER = 'carddav-demo';
const BOOK = 'contacts';
/** The book's folder inside Radicale's folder: its presence means the book was made and seeded. */
export const RADICALE_BOOK_FOLDER = join('collections', 'collection-root', RADICALE_USER, BOOK);

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

/**
 * A real Radicale for the demo's CardDAV account, started by the launcher the CardDAV tests use
 * (`@contactsync/adapters/testing`): its own `--config` file (never Debian's /etc/radicale/config),
 * throwaway storage and user file in a temporary folder deleted on close, a free loopback port. The book is made with MKCOL, then its cards are written straight into
 * Radicale's storage (one file per card, which it reads as it is): 2,000 PUTs would take a minute.
 * Returns null when Radicale is not installed.
 */
export interface DemoRadicaleOptions {
  /** A folder kept across runs (`demo-persistence.ts`); without it, a temporary one deleted on close. */
  readonly folder?: string;
  /** The folder holds the seeded book from an earlier run: started as it is, not seeded again. */
  readonly restored?: boolean;
}

export async function startDemoRadicale(
  contacts: readonly ContactDraft[],
  options: DemoRadicaleOptions = {},
): Promise<DemoRadicale | null> {
  if (!existsSync(RADICALE_BIN)) return null;
  const restored = options.restored === true && options.folder !== undefined;
  // A kept book keeps its password (Radicale's own user file in the kept folder); a new one gets a random one.
  const password = (restored ? await keptPassword(options.folder) : null) ?? randomBytes(12).toString('hex');
  const radicale = await startRadicaleProcess({
    users: { [RADICALE_USER]: password },
    folderPrefix: 'contactsync-demo-radicale-',
    ...(options.folder === undefined ? {} : { folder: options.folder }),
  });
  const { origin } = radicale;
  const authorization = `Basic ${Buffer.from(`${RADICALE_USER}:${password}`).toString('base64')}`;
  const bookPath = `/${RADICALE_USER}/${BOOK}/`;
  const folder = join(radicale.storageRoot, RADICALE_USER, BOOK);
  if (restored) return { origin, username: RADICALE_USER, password, bookPath, folder, authorization, close: () => radicale.close() };
  try {
    const mkcol = `<?xml version="1.0" encoding="utf-8"?><d:mkcol xmlns:d="DAV:" xmlns:card="urn:ietf:params:xml:ns:carddav"><d:set><d:prop><d:resourcetype><d:collection/><card:addressbook/></d:resourcetype><d:displayname>Demo contacts</d:displayname></d:prop></d:set></d:mkcol>`;
    const made = await fetch(new URL(bookPath, origin), {
      method: 'MKCOL',
      headers: { Authorization: authorization, 'Content-Type': 'application/xml; charset=utf-8' },
      body: mkcol,
    });
    if (made.status !== 201) throw new Error(`MKCOL ${bookPath}: ${made.status}`);
    await Promise.all(
      contacts.map((contact, index) => {
        const uid = randomUUID();
        return writeFile(join(folder, `${uid}.vcf`), seedCard(contact, uid, index));
      }),
    );
    return { origin, username: RADICALE_USER, password, bookPath, folder, authorization, close: () => radicale.close() };
  } catch (error) {
    await radicale.close();
    throw error;
  }
}

/** The demo user's password in a kept folder's user file (`user:password`, htpasswd `plain`). */
async function keptPassword(folder: string): Promise<string | null> {
  try {
    const line = (await readFile(join(folder, 'users'), 'utf8')).split('\n').find((l) => l.startsWith(`${RADICALE_USER}:`));
    const password = line?.slice(RADICALE_USER.length + 1) ?? '';
    return /^[0-9a-f]{24}$/.test(password) ? password : null;
  } catch {
    return null;
  }
}
