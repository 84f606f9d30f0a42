import { randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ContactDraft } from '@contactsync/core';
import type { ConsoleAnswer } from '../shared/console-actions.js';
import { decodeVCards, encodeVCard } from '../src/vcard/vcard-codec.js';
import { findRemote, NOT_FOUND, who, type ConsoleDriver, type RemoteEntry } from './console-drivers.js';
import type { DemoRadicale } from './demo-radicale.js';

const NOT_A_FAULT_SERVER: ConsoleAnswer = {
  ok: false,
  message: 'This is a real Radicale: it cannot be told to fail, wait or lock. Try it on an emulated account.',
};

const fnOf = (c: ContactDraft): string =>
  [c.name.given, c.name.family].filter((p) => p !== '').join(' ') || c.nickname || c.company || 'Contact';

/** The card as another client writes it: the demo's vCard codec, with the card's UID. */
const cardText = (contact: ContactDraft, uid: string): string =>
  `${encodeVCard(contact, fnOf(contact)).replace('VERSION:4.0', `VERSION:4.0\r\nUID:${uid}`)}\r\n`;

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
      const contact = decodeVCards(await readFile(join(radicale.folder, name), 'utf8')).contacts[0];
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
      const uid = /^UID:(.+)$/m.exec(text)?.[1]?.trim() ?? entry.remoteId.replace(/\.vcf$/, '');
      const put = await send('PUT', entry.remoteId, {
        body: cardText({ ...entry.contact, [field]: value }, uid),
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
        body: cardText(contact, uid),
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
