import { openReplicaView } from '@contactsync/core';
import { API_PATHS, type DemoAccount } from '../../shared/demo-accounts';

const CACHE_KEY = 'contactsync-demo:accounts';
/** Every replica of this demo is named so by the server (`server/demo-accounts.ts`). */
const DATABASE_PREFIX = 'contactsync-demo/';

const isText = (value: unknown): value is string => typeof value === 'string' && value !== '';

/** Checks one account from the server (or the cache) at the edge; nothing past here sees raw JSON. */
function parseAccount(value: unknown): DemoAccount | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  if (!isText(v['id']) || !isText(v['label']) || !isText(v['databaseName']) || !isText(v['baseUrl'])) return null;
  const base = { id: v['id'], label: v['label'], databaseName: v['databaseName'], baseUrl: v['baseUrl'] };
  if (v['service'] === 'windows-live' && isText(v['lid']) && isText(v['token']))
    return { ...base, service: 'windows-live', lid: v['lid'], token: v['token'] };
  // A CardDAV account from the cache has no password (never stored): it waits for the server's list.
  if (v['service'] === 'carddav' && isText(v['username']) && isText(v['password']))
    return { ...base, service: 'carddav', username: v['username'], password: v['password'] };
  if (v['service'] === 'microsoft-graph' && isText(v['token'])) return { ...base, service: 'microsoft-graph', token: v['token'] };
  if (v['service'] === 'yahoo' && (v['format'] === 'xml' || v['format'] === 'json') && isText(v['appid']) && isText(v['wssid'])) {
    return { ...base, service: 'yahoo', format: v['format'], appid: v['appid'], wssid: v['wssid'] };
  }
  return null;
}

export function parseAccounts(value: unknown): DemoAccount[] {
  if (!Array.isArray(value)) return [];
  return value.map(parseAccount).filter((a): a is DemoAccount => a !== null);
}

/** The accounts this page saw last: what it opens with before (or without) the server answering. */
export function cachedAccounts(): DemoAccount[] {
  try {
    return parseAccounts(JSON.parse(localStorage.getItem(CACHE_KEY) ?? '[]'));
  } catch {
    return [];
  }
}

/** Asks the demo server for its accounts and caches them; null when it cannot be reached. */
export async function fetchAccounts(): Promise<DemoAccount[] | null> {
  try {
    const response = await fetch(API_PATHS.accounts, { cache: 'no-store' });
    if (!response.ok) return null;
    const accounts = parseAccounts(await response.json());
    // Credentials stay in memory: a CardDAV account is cached without its password (and so is not
    // offered from the cache until the server answers again).
    localStorage.setItem(CACHE_KEY, JSON.stringify(accounts.map((a) => (a.service === 'carddav' ? { ...a, password: undefined } : a))));
    return accounts;
  } catch {
    return null;
  }
}

/** A replica of a book the demo server no longer has (it restarted from its seed), holding unsent changes. */
export interface KeptReplica {
  readonly databaseName: string;
  /** The account it belonged to (`wl`, `yahoo-xml`, ...), from its name. */
  readonly accountId: string;
  readonly unsent: number;
}

const KEPT_KEY = 'contactsync-demo:kept-replicas';

export function keptReplicas(): KeptReplica[] {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(KEPT_KEY) ?? '[]');
    return Array.isArray(value) ? value.filter(isKeptReplica) : [];
  } catch {
    return [];
  }
}

function setKeptReplicas(list: readonly KeptReplica[]): void {
  localStorage.setItem(KEPT_KEY, JSON.stringify(list));
  window.dispatchEvent(new Event('contactsync-kept-replicas'));
}

/** Deletes a kept replica once its changes were carried over or discarded. */
export function forgetKeptReplica(databaseName: string): void {
  setKeptReplicas(keptReplicas().filter((r) => r.databaseName !== databaseName));
  indexedDB.deleteDatabase(databaseName);
}

/**
 * Replicas of emulator books that no longer exist (an earlier run of the demo server whose book was
 * not kept) can never sync again. One without unsent changes is deleted; one with unsent changes is
 * kept and listed (`keptReplicas`), so the app can say what happened and offer to carry them over:
 * nothing a person wrote is dropped by a restart. Only databases of this demo are touched.
 */
export async function settleStaleReplicas(current: readonly DemoAccount[]): Promise<void> {
  if (typeof indexedDB.databases !== 'function') return;
  const live = new Set(current.map((a) => a.databaseName));
  const kept: KeptReplica[] = [];
  for (const { name } of await indexedDB.databases()) {
    if (name === undefined || !name.startsWith(DATABASE_PREFIX) || live.has(name)) continue;
    const view = openReplicaView(name);
    const unsent = await view.pendingCount().catch(() => 0);
    view.close();
    if (unsent === 0) indexedDB.deleteDatabase(name);
    else kept.push({ databaseName: name, accountId: name.slice(DATABASE_PREFIX.length).split('/')[0] ?? '', unsent });
  }
  setKeptReplicas(kept);
}

function isKeptReplica(value: unknown): value is KeptReplica {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.databaseName === 'string' && typeof v.accountId === 'string' && typeof v.unsent === 'number';
}
