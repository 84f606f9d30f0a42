import { randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ContactDraft } from '@contactsync/core';
import type { ConsoleAnswer } from '../shared/console-actions.js';
import { readVCardFile, writeVCard } from '@contactsync/adapters';
import { findRemote, NOT_FOUND, who, type ConsoleDriver, type RemoteEntry } from './console-drivers.js';
import type { DemoRadicale } from './demo-radicale.js';

const NOT_A_FAULT_SERVER: ConsoleAnswer = {
  ok: false,
  message: 'This is a real Radicale: it cannot be told to fail, wait or lock. Try it on an emulated account.',
};

const fnOf = (c: ContactDraft): string =>
  [c.name.given, c.name.family].filter((p) => p !== '').join(' ') || c.nickname || c.company || 'Contact';

/**
 * The console for the CardDAV account: "another device" is another CardDAV client writing to the real
 * Radicale over HTTP (conditional PUT and DELETE). It finds a card the way a person would (by email or
 * name) by reading Radicale's one-file-per-card folder, so no listing goes over HTTP.
 */
export function cardDavDriver(radicale: DemoRadicale): ConsoleDriver {
  const send = (method: string, name: string, init: { body?: string; headers?: Record<string, string> } = {}): Promise<Response> =>
    fetch(new URL(`${radicale.bookPath}${name}`, radicale.origin), {
      method,
      headers: { Authorization: radicale.authorization, ...init.headers },
      ...(init.body === undefined ? {} : { body: init.body }),
    });

  const entries = async (): Promise<RemoteEntry[]> => {
    const names = (await readdir(radicale.folder)).filter((n) => n.endsWith('.vcf'));
    const out: RemoteEntry[] = [];
    for (const name of names) {
      const contact = readVCardFile(await readFile(join(radicale.folder, name), 'utf8')).cards[0]?.draft;
      if (contact !== undefined) out.push({ remoteId: name, contact });
    }
    return out;
  };

  return {
    async editContact(match, field, value) {
      const entry = findRemote(await entries(), match);
      if (entry === undefined) return NOT_FOUND;
      const current = await send('GET', entry.remoteId);
      const etag = current.headers.get('etag');
      const text = await current.text();
      const card = readVCardFile(text).cards[0];
      if (!current.ok || card === undefined) return { ok: false, message: `Radicale answered ${current.status} with no readable card.` };
      // Another client edits as a careful one does: only the changed field is rewritten, the card's
      // PHOTO, URL and X- properties stay as they are (the adapter's vCard patch).
      const put = await send('PUT', entry.remoteId, {
        body: writeVCard({ ...card.draft, [field]: value }, { keptCard: text }),
        headers: { 'Content-Type': 'text/vcard; charset=utf-8', ...(etag === null ? {} : { 'If-Match': etag }) },
      });
      await put.arrayBuffer();
      return put.ok
        ? { ok: true, message: `Another CardDAV client changed ${field} of ${who(entry)} on Radicale.` }
        : { ok: false, message: `Radicale answered ${put.status}.` };
    },
    async deleteContact(match) {
      const entry = findRemote(await entries(), match);
      if (entry === undefined) return NOT_FOUND;
      const answer = await send('DELETE', entry.remoteId);
      await answer.arrayBuffer();
      return answer.ok
        ? { ok: true, message: `Another CardDAV client deleted ${who(entry)} on Radicale.` }
        : { ok: false, message: `Radicale answered ${answer.status}.` };
    },
    async createContact(contact) {
      const uid = randomUUID();
      const answer = await send('PUT', `${uid}.vcf`, {
        body: writeVCard(contact, { uid }),
        headers: { 'Content-Type': 'text/vcard; charset=utf-8', 'If-None-Match': '*' },
      });
      await answer.arrayBuffer();
      return answer.ok
        ? { ok: true, message: `Another CardDAV client added ${fnOf(contact)} on Radicale.` }
        : { ok: false, message: `Radicale answered ${answer.status}.` };
    },
    retryAfter: () => NOT_A_FAULT_SERVER,
    rejectNextWrite: () => NOT_A_FAULT_SERVER,
    lock: () => NOT_A_FAULT_SERVER,
  };
}
