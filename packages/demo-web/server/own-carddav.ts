import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createCardDavRelay, type RelayHandler } from '@contactsync/adapters';
import { OWN_CARDDAV_PATH } from '../shared/demo-accounts.js';
import { readJson } from './read-json.js';

/** Host names that are this machine: the only targets the demo relays to. */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);
/** Connections kept at once; the oldest is dropped first (its page then asks to connect again). */
const MAX_RELAYS = 8;

/**
 * Where a "Connect your own CardDAV server" URL may point: http(s) on this machine, not the demo
 * itself, no credentials in the URL. A string is the reason it may not.
 */
export function loopbackTarget(raw: string, demoPort: number): URL | string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'That is not a URL. Give the server’s address, e.g. http://127.0.0.1:5232/.';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'The address must start with http:// or https://.';
  if (!LOOPBACK_HOSTS.has(url.hostname)) {
    return 'This demo connects only to a server on this machine (127.0.0.1, localhost or [::1]): its relay is never a proxy to the network.';
  }
  if (url.username !== '' || url.password !== '') return 'Give the user name and password in their own fields, not in the address.';
  const port = url.port === '' ? (url.protocol === 'https:' ? 443 : 80) : Number(url.port);
  if (port === demoPort) return 'That is the demo’s own address. Give the CardDAV server’s.';
  return url;
}

export interface OwnCardDavRelays {
  /** Serves `POST {OWN_CARDDAV_PATH}` and `{OWN_CARDDAV_PATH}/{id}/...`; false for other paths. */
  handle(req: IncomingMessage, res: ServerResponse): Promise<boolean>;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

/**
 * The relays behind "Connect your own CardDAV server". The page posts only the server's URL (never
 * credentials); the demo checks it is on loopback and answers a relay path, `/api/own-carddav/{id}`,
 * fixed to that one origin: `{relay path}/{server path}` is forwarded to `{origin}/{server path}` by
 * the adapter's relay (`createCardDavRelay`), which forwards the page's Authorization header and
 * never logs it (no `log` is given here). The relay id is random and the target fixed when it is
 * made, so no request can pick where it goes: it is never an open proxy. Relays live in this
 * process's memory only; after a restart the page connects again.
 */
export function ownCardDavRelays(demoPort: () => number): OwnCardDavRelays {
  const relays = new Map<string, RelayHandler>();
  return {
    async handle(req, res) {
      const raw = req.url ?? '/';
      if (raw !== OWN_CARDDAV_PATH && !raw.startsWith(`${OWN_CARDDAV_PATH}/`)) return false;
      if (raw === OWN_CARDDAV_PATH) {
        const body = await readJson(req);
        const url = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)['url'] : undefined;
        if (req.method !== 'POST' || typeof url !== 'string') {
          send(res, 400, { ok: false, message: 'The app sent something the demo server did not understand.' });
          return true;
        }
        const target = loopbackTarget(url, demoPort());
        if (typeof target === 'string') {
          send(res, 400, { ok: false, message: target });
          return true;
        }
        const id = randomUUID();
        relays.set(id, createCardDavRelay({ target: target.origin, basePath: '/' }));
        for (const old of [...relays.keys()].slice(0, Math.max(0, relays.size - MAX_RELAYS))) relays.delete(old);
        send(res, 201, { ok: true, relayPath: `${OWN_CARDDAV_PATH}/${id}`, origin: target.origin });
        return true;
      }
      const rest = raw.slice(OWN_CARDDAV_PATH.length + 1);
      const slash = rest.indexOf('/');
      const relay = relays.get(slash < 0 ? rest : rest.slice(0, slash));
      if (relay === undefined || slash < 0) {
        req.resume();
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('This connection is closed: connect again.');
        return true;
      }
      // The relay serves the server's own paths: hand it the request as the server will see it.
      req.url = rest.slice(slash);
      if (!relay(req, res)) res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found');
      return true;
    },
  };
}
