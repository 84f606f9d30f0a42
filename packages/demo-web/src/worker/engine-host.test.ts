import { describe, expect, it } from 'vitest';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { FakeContactService } from '@contactsync/core/testing';
import { EMPTY_DRAFT, type AutoSyncEnvironment, type SyncReport } from '@contactsync/core';
import type { DemoAccount } from '../../shared/demo-accounts';
import { createEngineHost } from './engine-host';
import type { FromWorker } from './protocol';
import { SignalHub } from './signal-hub';

const ACCOUNT: DemoAccount = {
  id: 'wl',
  label: 'Test',
  service: 'windows-live',
  databaseName: 'host-test',
  baseUrl: '/api/wl',
  lid: '0123456789abcdef',
  token: 't',
};

/** A host over the in-memory fake service, with the triggers in the test's hands. */
function harness() {
  const messages: FromWorker[] = [];
  const signals = new SignalHub();
  const environment: AutoSyncEnvironment = {
    onOnline: (listener) => signals.on('online', listener),
    onVisible: (listener) => signals.on('visible', listener),
    setTimer: () => () => undefined,
  };
  const fake = new FakeContactService();
  const host = createEngineHost({
    post: (message) => messages.push(message),
    environment,
    createService: () => fake,
    syncDelayMs: 0,
    engineOptions: { indexedDB: new IDBFactory(), IDBKeyRange },
  });
  const reports = (): SyncReport[] => messages.flatMap((m) => (m.kind === 'report' ? [m.report] : []));
  const settle = async (count: number): Promise<void> => {
    for (let i = 0; i < 200 && reports().length < count; i++) await new Promise((resolve) => setTimeout(resolve, 5));
  };
  return { host, fake, signals, messages, reports, settle };
}

describe('engine host', () => {
  it('posts status on open and the report of the first sync', async () => {
    const { host, messages, reports, settle } = harness();
    await host.open(ACCOUNT);
    expect(messages[0]).toMatchObject({ kind: 'status', accountId: 'wl' });
    await settle(1);
    expect(reports()[0]?.outcome).toBe('ok');
  });

  it('pushes a local write soon after it, and reports it', async () => {
    const { host, fake, reports, settle } = harness();
    await host.open(ACCOUNT);
    await settle(1);
    const contact = await host.create({ ...EMPTY_DRAFT, nickname: 'Ada' });
    expect(contact.nickname).toBe('Ada');
    await settle(2);
    expect(reports()[1]?.pushed.created).toBe(1);
    expect(fake.list().map((e) => e.contact.nickname)).toEqual(['Ada']);
  });

  it('reports the runs auto-sync starts on its own (here: on reconnect)', async () => {
    const { host, signals, reports, settle } = harness();
    await host.open(ACCOUNT);
    await settle(1);
    signals.emit('online');
    await settle(2);
    expect(reports()).toHaveLength(2);
  });

  it('answers calls before an account is open with a SyncError', async () => {
    const { host } = harness();
    await expect(host.sync()).rejects.toMatchObject({ code: 'closed' });
  });
});
