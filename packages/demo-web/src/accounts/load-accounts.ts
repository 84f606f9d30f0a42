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
  if (v['service'] === 'windows-live' && isText(v['lid']) && isText(v['token'])) return { ...base, service: 'windows-live', lid: v['lid'], token: v['token'] };
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
    localStorage.setItem(CACHE_KEY, JSON.stringify(accounts));
    return accounts;
  } catch {
    return null;
  }
}

/**
 * Deletes replicas of emulator books that no longer exist (a previous run of the demo server): they
 * can never sync again. Only databases of this demo are touched.
 */
export async function deleteStaleReplicas(current: readonly DemoAccount[]): Promise<void> {
  if (typeof indexedDB.databases !== 'function') return;
  const keep = new Set(current.map((a) => a.databaseName));
  for (const { name } of await indexedDB.databases()) {
    if (name !== undefined && name.startsWith(DATABASE_PREFIX) && !keep.has(name)) indexedDB.deleteDatabase(name);
  }
}
