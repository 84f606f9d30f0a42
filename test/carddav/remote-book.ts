import { randomUUID } from 'node:crypto';
import type { ContactDraft } from '@contactsync/core';
import { readCard } from '../../packages/adapters/src/carddav/vcard-card.js';
import { draftFromCard } from '../../packages/adapters/src/carddav/vcard-decode.js';
import { newCard, patchCard } from '../../packages/adapters/src/carddav/vcard-patch.js';
import type { CardDavServer } from './servers.js';

/**
 * "Another client" of a real server: makes books and reads and writes cards directly over HTTP,
 * bypassing the adapter under test.
 */
export class RemoteClient {
  constructor(readonly server: CardDavServer) {}

  private get auth(): string {
    return `Basic ${Buffer.from(`${this.server.username}:${this.server.password}`).toString('base64')}`;
  }

  async send(
    method: string,
    path: string,
    body?: string | Uint8Array<ArrayBuffer>,
    headers: Record<string, string> = {},
  ): Promise<Response> {
    const init: RequestInit = { method, headers: { Authorization: this.auth, ...headers } };
    if (body !== undefined) init.body = body;
    return fetch(new URL(path, this.server.url), init);
  }

  /** A new address book (extended MKCOL, RFC 5689); returns its absolute URL. */
  async makeBook(name = `book-${randomUUID().slice(0, 8)}`, displayName = 'Test Book'): Promise<string> {
    const path = `${this.server.home}${name}/`;
    const body = `<?xml version="1.0" encoding="utf-8"?><d:mkcol xmlns:d="DAV:" xmlns:card="urn:ietf:params:xml:ns:carddav"><d:set><d:prop><d:resourcetype><d:collection/><card:addressbook/></d:resourcetype><d:displayname>${displayName}</d:displayname></d:prop></d:set></d:mkcol>`;
    const response = await this.send('MKCOL', path, body, { 'Content-Type': 'application/xml; charset=utf-8' });
    if (response.status !== 201) throw new Error(`MKCOL ${path}: ${response.status}`);
    return new URL(path, this.server.url).href;
  }

  async put(path: string, text: string | Uint8Array<ArrayBuffer>, headers: Record<string, string> = {}): Promise<Response> {
    const response = await this.send('PUT', path, text, { 'Content-Type': 'text/vcard; charset=utf-8', ...headers });
    await response.arrayBuffer();
    return response;
  }

  async get(path: string): Promise<{ status: number; text: string; etag: string | null }> {
    const response = await this.send('GET', path);
    return { status: response.status, text: await response.text(), etag: response.headers.get('ETag') };
  }

  async remove(path: string): Promise<number> {
    const response = await this.send('DELETE', path);
    await response.arrayBuffer();
    return response.status;
  }

  /** Paths of the cards in a book (PROPFIND Depth 1). */
  async paths(bookUrl: string): Promise<string[]> {
    const response = await this.send(
      'PROPFIND',
      bookUrl,
      '<?xml version="1.0"?><d:propfind xmlns:d="DAV:"><d:prop><d:getetag/></d:prop></d:propfind>',
      { Depth: '1', 'Content-Type': 'application/xml' },
    );
    const body = await response.text();
    const book = new URL(bookUrl).pathname;
    return [...body.matchAll(/<(?:\w+:)?href>([^<]+)<\/(?:\w+:)?href>/g)]
      .map((m) => new URL(m[1] ?? '', bookUrl).pathname)
      .filter((p) => p !== book);
  }

  /** One sync-collection from scratch, its answer dropped: the server builds its caches (kit.ts seedBook). */
  async warmUp(bookUrl: string): Promise<void> {
    const body =
      '<?xml version="1.0"?><d:sync-collection xmlns:d="DAV:"><d:sync-token/><d:sync-level>1</d:sync-level><d:prop><d:getetag/></d:prop></d:sync-collection>';
    const response = await this.send('REPORT', bookUrl, body, { Depth: '0', 'Content-Type': 'application/xml' });
    await response.text();
    if (response.status !== 207) throw new Error(`warm-up sync-collection: ${response.status}`);
  }

  /** Creates a card as another client would; returns its path. */
  async create(bookUrl: string, contact: ContactDraft, version: '3.0' | '4.0' = '3.0'): Promise<string> {
    const uid = randomUUID();
    const path = `${new URL(bookUrl).pathname}${uid}.vcf`;
    const response = await this.put(path, newCard(version, uid, contact));
    if (response.status !== 201) throw new Error(`PUT ${path}: ${response.status}`);
    return path;
  }

  async update(path: string, change: Partial<ContactDraft>): Promise<void> {
    const current = await this.get(path);
    const reading = readCard(current.text);
    if (!reading.ok || current.etag === null) throw new Error(`GET ${path}: ${current.status} ${reading.ok ? 'no ETag' : reading.problem}`);
    const response = await this.put(path, patchCard(reading.card, { ...draftFromCard(reading.card), ...change }), {
      'If-Match': current.etag,
    });
    if (response.status !== 201 && response.status !== 204) throw new Error(`PUT ${path}: ${response.status}`);
  }

  async list(bookUrl: string): Promise<{ remoteId: string; contact: ContactDraft; text: string }[]> {
    const out: { remoteId: string; contact: ContactDraft; text: string }[] = [];
    for (const path of await this.paths(bookUrl)) {
      const { text } = await this.get(path);
      const reading = readCard(text);
      if (reading.ok) out.push({ remoteId: path, contact: draftFromCard(reading.card), text });
    }
    return out;
  }
}
