import type { IncomingMessage, ServerResponse } from 'node:http';
import { toDraft } from '@contactsync/core';
import { API_PATHS } from '../shared/demo-accounts.js';
import { REMOTE_EDIT_FIELDS, type ConsoleAnswer, type ContactMatch, type RemoteEditField } from '../shared/console-actions.js';
import type { ConsoleDriver, DriverAnswer } from './console-drivers.js';
import { readJson } from './read-json.js';

export interface ConsoleState {
  /** The simulated network between the page and the services (see `service-proxy.ts`). */
  networkUp: boolean;
  readonly drivers: ReadonlyMap<string, ConsoleDriver>;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

const record = (value: unknown): Record<string, unknown> | null =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null;
const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);
const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const wholeNumber = (value: unknown, min: number, max: number): number | null =>
  typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max ? value : null;

function parseMatch(value: unknown): ContactMatch | null {
  const m = record(value);
  return m === null ? null : { emails: strings(m['emails']), given: text(m['given']), family: text(m['family']) };
}

const BAD_REQUEST: ConsoleAnswer = { ok: false, message: 'The console sent something the demo server did not understand.' };

/** One console action, its body checked at the edge, carried out by the account's driver. */
function runAction(driver: ConsoleDriver, action: string, body: unknown): DriverAnswer {
  const b = record(body);
  if (b === null) return BAD_REQUEST;
  switch (action) {
    case 'edit-contact': {
      const match = parseMatch(b['match']);
      const field = REMOTE_EDIT_FIELDS.find((f): f is RemoteEditField => f === b['field']);
      return match === null || field === undefined || typeof b['value'] !== 'string'
        ? BAD_REQUEST
        : driver.editContact(match, field, b['value']);
    }
    case 'delete-contact': {
      const match = parseMatch(b['match']);
      return match === null ? BAD_REQUEST : driver.deleteContact(match);
    }
    case 'create-contact': {
      const contact = record(b['contact']);
      return contact === null ? BAD_REQUEST : driver.createContact(toDraft(contact));
    }
    case 'retry-after': {
      const seconds = wholeNumber(b['seconds'], 1, 3600);
      const count = wholeNumber(b['count'], 1, 50);
      return seconds === null || count === null ? BAD_REQUEST : driver.retryAfter(seconds, count);
    }
    case 'reject-next-write':
      return driver.rejectNextWrite();
    case 'lock':
      return typeof b['locked'] === 'boolean' ? driver.lock(b['locked']) : BAD_REQUEST;
    default:
      return { ok: false, message: `The console has no action "${action}".` };
  }
}

/**
 * `/api/console/network` (GET, POST `{ online }`) and `/api/console/{accountId}/{action}` (POST).
 * Returns false for paths it does not serve.
 */
export async function handleConsole(state: ConsoleState, req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  const pathname = new URL(req.url ?? '/', 'http://demo.invalid').pathname;
  if (pathname === API_PATHS.network) {
    if (req.method === 'POST') {
      const body = record(await readJson(req));
      if (typeof body?.['online'] !== 'boolean') {
        send(res, 400, BAD_REQUEST);
        return true;
      }
      state.networkUp = body['online'];
      send(res, 200, {
        ok: true,
        message: state.networkUp ? 'The network is back up.' : 'The network is down: no request reaches the servers.',
      });
    } else {
      send(res, 200, { online: state.networkUp });
    }
    return true;
  }
  const match = /^\/api\/console\/([^/]+)\/([^/]+)$/.exec(pathname);
  if (match === null) return false;
  const driver = state.drivers.get(decodeURIComponent(match[1] ?? ''));
  if (driver === undefined) {
    send(res, 404, { ok: false, message: 'There is no such account.' });
    return true;
  }
  if (req.method !== 'POST') {
    send(res, 405, BAD_REQUEST);
    return true;
  }
  const answer = await runAction(driver, match[2] ?? '', await readJson(req));
  send(res, answer === BAD_REQUEST ? 400 : 200, answer);
  return true;
}
