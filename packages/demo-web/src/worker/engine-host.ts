import {
  createSyncEngine,
  SyncError,
  type AutoSyncEnvironment,
  type ContactService,
  type CreateSyncEngineOptions,
  type SyncEngine,
  type SyncReport,
} from '@contactsync/core';
import type { DemoAccount } from '../../shared/demo-accounts';
import type { EngineApi, FromWorker } from './protocol';
import { reportingEnvironment } from './reporting-environment';

export interface EngineHostOptions {
  readonly post: (message: FromWorker) => void;
  readonly environment: AutoSyncEnvironment;
  readonly createService: (account: DemoAccount) => ContactService;
  /** How long after a local write the engine pushes it (writes in a burst go together). */
  readonly syncDelayMs?: number;
  /**
   * How often the engine pulls while the page is visible (`startAutoSync({ interval })`, which
   * obeys every server-imposed wait); 0 or absent: never.
   */
  readonly pullIntervalMs?: number;
  /** Storage and clock for tests (fake-indexeddb); the browser's by default. */
  readonly engineOptions?: Pick<CreateSyncEngineOptions, 'indexedDB' | 'IDBKeyRange' | 'now' | 'random' | 'pullChunkSize'>;
}

const FIRST_ROWS_CHUNK = 250;

interface OpenAccount {
  readonly account: DemoAccount;
  readonly engine: SyncEngine;
  readonly service: ContactService;
  readonly unsubscribe: () => void;
}

/**
 * The engine side of the RPC: one engine at a time, for the account the page opened. It posts every
 * status change and the report of every sync, those it starts (open, after a write, "Sync now") and
 * those the engine's own `startAutoSync` starts (reconnect, visible, retryAt, the periodic pull).
 */
export function createEngineHost(options: EngineHostOptions): EngineApi {
  const { post } = options;
  let current: OpenAccount | null = null;
  let opening: Promise<void> = Promise.resolve();
  let syncTimer: ReturnType<typeof setTimeout> | undefined;

  const active = (): OpenAccount => {
    if (current === null) throw new SyncError('closed', 'Choose an account first.');
    return current;
  };

  const runSync = async (open: OpenAccount): Promise<SyncReport> => {
    const report = await open.engine.sync();
    if (current === open) post({ kind: 'report', accountId: open.account.id, report });
    return report;
  };

  // Background syncs report through status; a closed engine (account switched) is not an error.
  const syncInBackground = (open: OpenAccount): void => {
    runSync(open).catch(() => undefined);
  };

  const syncSoon = (open: OpenAccount): void => {
    clearTimeout(syncTimer);
    syncTimer = setTimeout(() => syncInBackground(open), options.syncDelayMs ?? 300);
  };

  const close = (): void => {
    clearTimeout(syncTimer);
    if (current === null) return;
    current.unsubscribe();
    void current.engine.close();
    current = null;
  };

  const openAccount = async (account: DemoAccount): Promise<void> => {
    if (current?.account.databaseName === account.databaseName) {
      post({ kind: 'status', accountId: account.id, status: current.engine.status });
      return;
    }
    close();
    const service = options.createService(account);
    // Pulled records commit in chunks of this size, so a first sync shows its first rows long before
    // it ends (the page's live query sees each chunk) instead of all 2,000 at once at the end.
    const engine = await createSyncEngine({
      pullChunkSize: FIRST_ROWS_CHUNK,
      ...options.engineOptions,
      databaseName: account.databaseName,
      service,
    });
    const unsubscribe = engine.subscribe((status) => post({ kind: 'status', accountId: account.id, status }));
    const open: OpenAccount = { account, engine, service, unsubscribe };
    current = open;
    const interval = options.pullIntervalMs ?? 0;
    post({ kind: 'status', accountId: account.id, status: engine.status });
    const environment = reportingEnvironment(options.environment, () => syncInBackground(open));
    engine.startAutoSync(interval > 0 ? { environment, interval } : { environment });
    syncInBackground(open);
  };

  return {
    // Opens run one after another, so a quick account switch never leaves two engines open.
    open(account) {
      const next = opening.then(() => openAccount(account));
      opening = next.catch(() => undefined);
      return next;
    },
    async create(draft) {
      const open = active();
      const contact = await open.engine.contacts.create(draft);
      syncSoon(open);
      return contact;
    },
    async update(contactId, patch) {
      const open = active();
      const { name, ...fields } = patch;
      // A recipe, so a patch of single name parts leaves the other parts as stored.
      const contact = await open.engine.contacts.update(contactId, (draft) => {
        Object.assign(draft, fields);
        if (name !== undefined) Object.assign(draft.name, name);
      });
      syncSoon(open);
      return contact;
    },
    async remove(contactId) {
      const open = active();
      await open.engine.contacts.remove(contactId);
      syncSoon(open);
    },
    async sync() {
      return runSync(active());
    },
    async resolveConflict(conflictId, choice) {
      const open = active();
      await open.engine.resolveConflict(conflictId, choice);
      syncSoon(open);
    },
    async renameCategory(from, to) {
      const open = active();
      const changed = await open.engine.categories.rename(from, to);
      syncSoon(open);
      return changed;
    },
    async removeCategory(name) {
      const open = active();
      const changed = await open.engine.categories.remove(name);
      syncSoon(open);
      return changed;
    },
    async validate(draft) {
      return active().service.validate?.(draft) ?? [];
    },
    async fieldModel() {
      await opening; // asked right after open: answer for the account it opens
      const open = active();
      return { databaseName: open.account.databaseName, model: open.engine.fieldModel };
    },
    async deviceOnlyFields(contactId) {
      await opening;
      return active().engine.contacts.deviceOnlyFields(contactId);
    },
  };
}
