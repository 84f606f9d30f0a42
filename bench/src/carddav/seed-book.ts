import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generateContacts } from '@contactsync/adapters/emulators';
import { basicAuth, type BookConnection } from './bench-client.js';
import { multigetBody, newCard } from './carddav-internals.js';
import { startRadicale, startXandikos, USER, type CardDavServer } from './servers.js';

export type ServerKind = 'radicale' | 'xandikos';

const BOOK = 'bench';
const uidOf = (i: number): string => `bench-${i}`;

export interface SeededServer {
  readonly server: CardDavServer;
  readonly book: BookConnection;
  /** Writing the cards and starting the server. */
  readonly seedMs: number;
  /** Unmeasured: every card read once (Radicale parses and caches each), then listed. */
  readonly warmMs: number;
}

/** `contacts` cards written as files, one per card, named `<uid>.vcf` as a client would name them. */
async function writeCards(dir: string, contacts: number): Promise<void> {
  const drafts = generateContacts(contacts);
  await mkdir(dir, { recursive: true });
  for (let i = 0; i < contacts; i += 500) {
    await Promise.all(
      drafts.slice(i, i + 500).map((draft, k) => writeFile(join(dir, `${uidOf(i + k)}.vcf`), newCard('3.0', uidOf(i + k), draft))),
    );
  }
}

/**
 * A server holding one address book of `contacts` cards, written into its storage rather than PUT
 * one by one (each PUT costs more as the book grows: docs/carddav.md). Radicale's book is written
 * before it starts: a folder of `.vcf` files plus the `.Radicale.props` that makes it an address
 * book. Xandikos serves what a book's git HEAD holds, so its book is made with MKCOL and the files
 * are committed into it.
 */
export async function startSeeded(kind: ServerKind, contacts: number): Promise<SeededServer> {
  const started = performance.now();
  let server: CardDavServer;
  if (kind === 'radicale') {
    server = await startRadicale({
      seed: async (storage) => {
        const dir = join(storage, USER, BOOK);
        await writeCards(dir, contacts);
        await writeFile(join(dir, '.Radicale.props'), JSON.stringify({ tag: 'VADDRESSBOOK', 'D:displayname': 'Bench' }));
      },
    });
  } else {
    server = await startXandikos();
    await makeBook(server);
    const dir = join(server.storage, server.home, BOOK);
    await writeCards(dir, contacts);
    const git = ['-c', 'user.name=seed', '-c', 'user.email=seed@localhost', '-C', dir];
    execFileSync('git', [...git, 'add', '-A', '.']);
    execFileSync('git', [...git, 'commit', '-q', '-m', 'seed']);
  }
  const book: BookConnection = {
    bookUrl: new URL(`${server.home}${BOOK}/`, server.url).href,
    homeUrl: new URL(server.home, server.url).href,
    username: server.username,
    password: server.password,
  };
  const seedMs = performance.now() - started;
  const warming = performance.now();
  if (kind === 'radicale') await readAll(book, contacts);
  const listed = await listedCards(book);
  if (listed !== contacts) {
    await server.close();
    throw new Error(`${kind} lists ${listed} cards, ${contacts} were seeded`);
  }
  return { server, book, seedMs, warmMs: performance.now() - warming };
}

async function makeBook(server: CardDavServer): Promise<void> {
  const body = `<?xml version="1.0" encoding="utf-8"?><d:mkcol xmlns:d="DAV:" xmlns:card="urn:ietf:params:xml:ns:carddav"><d:set><d:prop><d:resourcetype><d:collection/><card:addressbook/></d:resourcetype><d:displayname>Bench</d:displayname></d:prop></d:set></d:mkcol>`;
  const response = await fetch(new URL(`${server.home}${BOOK}/`, server.url), {
    method: 'MKCOL',
    headers: { Authorization: basicAuth(server), 'Content-Type': 'application/xml; charset=utf-8' },
    body,
  });
  if (response.status !== 201) throw new Error(`MKCOL: ${response.status}`);
}

/**
 * Every card read once, 1,000 per multiget, before anything is measured: Radicale parses a card
 * the first time it serves it and caches the result, which for 10,000 cards takes minutes on a
 * loaded machine; one listing of all of them at once could outlast fetch's 300 s headers timeout.
 */
async function readAll(book: BookConnection, contacts: number): Promise<void> {
  const bookPath = new URL(book.bookUrl).pathname;
  for (let i = 0; i < contacts; i += 1_000) {
    const hrefs = Array.from({ length: Math.min(1_000, contacts - i) }, (_, k) => `${bookPath}${uidOf(i + k)}.vcf`);
    const response = await fetch(book.bookUrl, {
      method: 'REPORT',
      headers: { Authorization: basicAuth(book), 'Content-Type': 'application/xml; charset=utf-8', Depth: '1' },
      body: multigetBody(hrefs),
    });
    await response.arrayBuffer();
    if (response.status !== 207) throw new Error(`multiget: ${response.status}`);
  }
}

/** Members of the book, by an initial sync-collection. */
async function listedCards(book: BookConnection): Promise<number> {
  const response = await fetch(book.bookUrl, {
    method: 'REPORT',
    headers: { Authorization: basicAuth(book), 'Content-Type': 'application/xml; charset=utf-8', Depth: '0' },
    body: '<?xml version="1.0" encoding="utf-8"?><d:sync-collection xmlns:d="DAV:"><d:sync-token/><d:sync-level>1</d:sync-level><d:prop><d:getetag/></d:prop></d:sync-collection>',
  });
  const text = await response.text();
  if (response.status !== 207) throw new Error(`sync-collection: ${response.status}`);
  return text.match(/\.vcf</g)?.length ?? 0;
}

/**
 * `changes` cards of the book rewritten by "another client" (plain PUTs, not measured), spread over
 * the book; `tag` makes every round's content, and so its ETags, new.
 */
export async function changeCards(book: BookConnection, contacts: number, changes: number, round: number, tag: string): Promise<void> {
  for (let k = 0; k < changes; k++) {
    // 7919 is prime and coprime with every book size used, so the rounds touch distinct cards.
    const i = ((round * changes + k) * 7919) % contacts;
    const draft = generateContacts(1, i + 1)[0];
    if (draft === undefined) throw new Error('no draft');
    const response = await fetch(new URL(`${uidOf(i)}.vcf`, book.bookUrl), {
      method: 'PUT',
      headers: { Authorization: basicAuth(book), 'Content-Type': 'text/vcard; charset=utf-8' },
      body: newCard('3.0', uidOf(i), { ...draft, notes: `changed: ${tag} round ${round}` }),
    });
    await response.arrayBuffer();
    if (response.status !== 201 && response.status !== 204) throw new Error(`PUT: ${response.status}`);
  }
}
