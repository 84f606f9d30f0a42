import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { carddav, type CardDavOptions } from '@contactsync/adapters';
import { createSyncEngine, type ContactDraft, type SyncEngine } from '@contactsync/core';
import { seededRandom } from '@contactsync/core/testing';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { newCard } from '../../packages/adapters/src/carddav/vcard-patch.js';
import { RemoteClient } from './remote-book.js';
import type { CardDavServer } from './servers.js';

/**
 * Engine + CardDAV adapter + a real server over loopback, with a fresh fake IndexedDB and a fresh
 * address book per scenario, and a network the test can steer: run code just before a request
 * leaves, lose a response after the server committed it, cut the connection.
 */

export interface Network {
  online: boolean;
  /** Runs before a request leaves; may act on the server as another client. */
  beforeRequest: ((method: string, url: string, body: string) => Promise<void> | void) | null;
  /** Rewrites a request body just before it leaves (e.g. to present an expired sync token). */
  rewriteBody: ((method: string, body: string) => string) | null;
  /** The next request of this method reaches the server, but its answer is lost. */
  loseResponseOf: string | null;
  /** Every request, as `METHOD status` (or `METHOD lost`). */
  readonly log: string[];
}

export interface Scenario {
  /** The open engine; `reopen` replaces it. */
  readonly engine: SyncEngine;
  readonly remote: RemoteClient;
  readonly bookUrl: string;
  readonly network: Network;
  /**
   * Closes the engine and opens a new one, with a new adapter client, on the same fake IndexedDB
   * database: what a reload or a crashed process leaves.
   */
  reopen(): Promise<SyncEngine>;
  close(): Promise<void>;
}

export const person = (given: string, extra: Partial<ContactDraft> = {}): ContactDraft => ({
  name: { given, middle: '', family: 'Tester', prefix: '', suffix: '' },
  nickname: '',
  company: '',
  jobTitle: '',
  notes: '',
  birthday: '',
  emails: [{ type: 'personal', address: `${given.toLowerCase()}@example.org` }],
  phones: [],
  addresses: [],
  categories: [],
  ...extra,
});

/**
 * A book holding `contacts`, made fast (one PUT per card costs more as the book grows:
 * docs/carddav.md): the book is made with MKCOL, then its cards are written straight into the
 * server's storage, where both servers keep one file per card. Radicale reads its folder as it is;
 * Xandikos serves what the book's git HEAD holds, so the files are committed with `git`.
 */
export async function seedBook(remote: RemoteClient, contacts: readonly ContactDraft[]): Promise<string> {
  const bookUrl = await remote.makeBook();
  if (contacts.length === 0) return bookUrl;
  const dir = join(remote.server.storage, decodeURIComponent(new URL(bookUrl).pathname));
  await Promise.all(
    contacts.map((c) => {
      const uid = randomUUID();
      return writeFile(join(dir, `${uid}.vcf`), newCard('3.0', uid, c));
    }),
  );
  // Radicale parses every card it has not seen and, on the first sync-collection of a book, writes
  // a history entry per card (.Radicale.cache): for 2,000 cards about 30 s on a loaded 2-core
  // machine, close to a request timeout. A server in use has done that long ago, so one listing
  // here does it before the test starts.
  if (remote.server.name === 'radicale' && contacts.length > 100) await remote.warmUp(bookUrl);
  if (remote.server.name === 'xandikos') {
    const git = ['-c', 'user.name=seed', '-c', 'user.email=seed@localhost', '-C', dir];
    execFileSync('git', [...git, 'add', '-A', '.']);
    execFileSync('git', [...git, 'commit', '-q', '-m', 'seed']);
  }
  return bookUrl;
}

export async function scenario(
  server: CardDavServer,
  options: {
    seed?: readonly ContactDraft[];
    password?: string;
    service?: Partial<Pick<CardDavOptions, 'multigetBatch' | 'snapshotPageSize'>>;
  } = {},
): Promise<Scenario> {
  const remote = new RemoteClient(server);
  const bookUrl = await seedBook(remote, options.seed ?? []);
  const network: Network = { online: true, beforeRequest: null, rewriteBody: null, loseResponseOf: null, log: [] };
  const fetchThrough: CardDavOptions['fetch'] = async (url, init) => {
    const method = init.method ?? 'GET';
    if (!network.online) {
      network.log.push(`${method} offline`);
      throw new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) });
    }
    await network.beforeRequest?.(method, url, typeof init.body === 'string' ? init.body : '');
    const body = typeof init.body === 'string' && network.rewriteBody !== null ? network.rewriteBody(method, init.body) : init.body;
    const response = await fetch(url, { ...init, body: body ?? null });
    if (network.loseResponseOf === method) {
      network.loseResponseOf = null;
      await response.arrayBuffer();
      network.log.push(`${method} lost`);
      throw new TypeError('fetch failed', { cause: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }) });
    }
    network.log.push(`${method} ${response.status}`);
    return response;
  };
  const indexedDB = new IDBFactory();
  let openings = 0;
  const open = (): Promise<SyncEngine> =>
    createSyncEngine({
      databaseName: `alice@${server.name}`,
      service: carddav({
        bookUrl,
        auth: { username: server.username, password: options.password ?? server.password },
        fetch: fetchThrough,
        ...options.service,
      }),
      indexedDB,
      IDBKeyRange,
      random: seededRandom(++openings),
    });
  let engine = await open();
  return {
    get engine() {
      return engine;
    },
    remote,
    bookUrl,
    network,
    async reopen() {
      await engine.close();
      engine = await open();
      return engine;
    },
    async close() {
      await engine.close();
    },
  };
}
