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
function harness(pullIntervalMs = 0) {
  const messages: FromWorker[] = [];
  const signals = new SignalHub();
  const timers = new Set<{ readonly delayMs: number; readonly fire: () => void }>();
  let visible = true;
  const environment: AutoSyncEnvironment = {
    onOnline: (listener) => signals.on('online', listener),
    onVisible: (listener) => signals.on('visible', listener),
    // Timers fire when the test says so (no real-time waits for the interval).
    setTimer: (fire, delayMs) => {
      const timer = { delayMs, fire };
      timers.add(timer);
      return () => timers.delete(timer);
    },
    isVisible: () => visible,
  };
  const fake = new FakeContactService();
  const host = createEngineHost({
    post: (message) => messages.push(message),
    environment,
    createService: () => fake,
    syncDelayMs: 0,
    pullIntervalMs,
    engineOptions: { indexedDB: new IDBFactory(), IDBKeyRange },
  });
  const reports = (): SyncReport[] => messages.flatMap((m) => (m.kind === 'report' ? [m.report] : []));
  const settle = async (count: number): Promise<void> => {
    for (let i = 0; i < 200 && reports().length < count; i++) await new Promise((resolve) => setTimeout(resolve, 5));
  };
  /** Fires the pending timer of `delayMs` (the periodic pull's), as its time would. */
  const fireTimer = (delayMs: number): void => {
    const timer = [...timers].find((t) => t.delayMs === delayMs);
    if (timer === undefined) throw new Error(`no timer of ${delayMs} ms`);
    timers.delete(timer);
    timer.fire();
  };
  const setVisible = (value: boolean): void => {
    visible = value;
  };
  return { host, fake, signals, messages, reports, settle, fireTimer, setVisible };
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

  it('pulls at the interval through startAutoSync while visible, and skips its turn while hidden', async () => {
    const { host, fake, reports, settle, fireTimer, setVisible, messages } = harness(1_000);
    await host.open(ACCOUNT);
    await settle(1);
    const id = fake.remoteCreate({ ...EMPTY_DRAFT, nickname: 'From another device' });
    fireTimer(1_000);
    await settle(2);
    expect(reports()[1]?.pulled.added).toBe(1);
    expect(id).toBeTruthy();

    setVisible(false);
    const before = messages.length;
    fireTimer(1_000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(reports()).toHaveLength(2);
    expect(messages.slice(before).filter((m) => m.kind === 'status')).toHaveLength(0); // no sync ran
    fireTimer(1_000); // it looked again later: the next turn is scheduled
  });

  it('tells the field model of the open account, and the device-only fields of a contact', async () => {
    const { host } = harness();
    await host.open(ACCOUNT);
    const { databaseName, model } = await host.fieldModel();
    expect(databaseName).toBe('host-test');
    expect(model.emails.types).toHaveProperty('personal');
    const contact = await host.create({ ...EMPTY_DRAFT, nickname: 'Ada' });
    expect(await host.deviceOnlyFields(contact.id)).toEqual([]);
  });

  it('answers calls before an account is open with a SyncError', async () => {
    const { host } = harness();
    await expect(host.sync()).rejects.toMatchObject({ code: 'closed' });
  });
});
