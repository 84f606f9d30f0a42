import { seededRandom } from '@contactsync/core/testing';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { expect } from 'vitest';
import {
  createSyncEngine,
  toDraft,
  type ContactDraft,
  type FieldModel,
  type PhoneType,
  type SyncEngine,
  type SyncReport,
} from '@contactsync/core';
import type { Backend } from './backend.js';
import { DEVICES, type Command } from './commands.js';
import { crashingFetch, observedFetch, type DeviceNetwork, type Exchange } from './observed-fetch.js';
import { checkConverged } from './invariants.js';

const NAMES = ['Ada', 'Grace', 'Alan', 'Edsger'];
/** Requests one sync may send at most: pages + batches x resubmit rounds, with room. */
export const MAX_REQUESTS_PER_SYNC = 150;

interface Device {
  engine: SyncEngine;
  readonly idb: IDBFactory;
  readonly network: DeviceNetwork;
  /** No request may leave before this (a retry-after the server gave). */
  notBefore: number;
  openings: number;
}

export interface RunStats {
  readonly faults: Map<string, number>;
  crashes: number;
  syncs: number;
  requests: number;
}

/**
 * One generated run: devices with their own IndexedDB on one server, driven by `commands`; then
 * faults stop, time passes every retry-after, everyone syncs until quiet, and the invariants hold.
 */
export async function runModel(backend: Backend, commands: readonly Command[], stats: RunStats): Promise<void> {
  const exchanges: Exchange[] = [];
  const devices: Device[] = [];
  const open = async (index: number, device: Pick<Device, 'idb' | 'network'> & { openings: number }, fetchFor?: typeof globalThis.fetch) =>
    createSyncEngine({
      databaseName: `device-${index}`,
      service: backend.service(fetchFor ?? observedFetch(index, backend, device.network, exchanges)),
      indexedDB: device.idb,
      IDBKeyRange,
      now: () => backend.now(),
      random: seededRandom(index * 1_000 + ++device.openings),
    });
  for (let i = 0; i < DEVICES; i++) {
    // One object per device, so every opening draws a fresh seed (a reused seed repeats local ids).
    const device = { idb: new IDBFactory(), network: { offlineOnce: false, beforeNextWrite: null }, openings: 0, notBefore: 0 } as Device;
    device.engine = await open(i, device);
    devices.push(device);
  }
  let token = 0;
  const created = new Set<string>();
  const deleted = new Set<string>();

  const sync = async (index: number): Promise<SyncReport> => {
    const device = devices[index] as Device;
    const first = exchanges.length;
    const report = await device.engine.sync();
    const sent = exchanges.slice(first).filter((e) => e.device === index);
    stats.syncs++;
    stats.requests += sent.length;
    // (4) nothing reaches the server before a retry-after it gave has passed.
    for (const e of sent) expect(e.at, 'request before Retry-After expired').toBeGreaterThanOrEqual(device.notBefore);
    // (6) no storms, no endless resubmit loop.
    expect(sent.length, 'requests in one sync').toBeLessThanOrEqual(MAX_REQUESTS_PER_SYNC);
    const last = sent.at(-1);
    if (last?.retryAfterMs != null) device.notBefore = Math.max(device.notBefore, last.at + last.retryAfterMs);
    if (backend.retryAfterOnly) {
      if (report.outcome === 'waiting' && report.retryAt !== null) device.notBefore = Math.max(device.notBefore, report.retryAt);
      // (5) a failure without retry-after is never retried by the engine itself.
      if (report.outcome === 'failed') expect(report.retryAt, 'Yahoo failure scheduled a retry').toBeNull();
    }
    return report;
  };

  const pickLocal = async (device: Device, pick: number) => {
    const list = await device.engine.contacts.list();
    return list.length === 0 ? undefined : list[pick % list.length];
  };

  for (const cmd of commands) {
    switch (cmd.type) {
      case 'create': {
        const nickname = `t${token++}`;
        created.add(nickname);
        await (devices[cmd.device] as Device).engine.contacts.create(person(cmd.named, nickname));
        break;
      }
      case 'update': {
        const device = devices[cmd.device] as Device;
        const target = await pickLocal(device, cmd.pick);
        if (target) await device.engine.contacts.update(target.id, (draft) => edit(draft, cmd.field, cmd.value, device.engine.fieldModel));
        break;
      }
      case 'remove': {
        const device = devices[cmd.device] as Device;
        const target = await pickLocal(device, cmd.pick);
        if (target) {
          deleted.add(target.nickname);
          await device.engine.contacts.remove(target.id);
        }
        break;
      }
      case 'remote-create': {
        const nickname = `t${token++}`;
        created.add(nickname);
        backend.remote.create(person(cmd.named, nickname));
        break;
      }
      case 'remote-update': {
        const book = backend.remote.list();
        const victim = book[cmd.pick % Math.max(1, book.length)];
        if (victim)
          backend.remote.update(victim.remoteId, cmd.sameField ? { notes: `remote ${cmd.value}` } : { jobTitle: `job ${cmd.value}` });
        break;
      }
      case 'remote-remove': {
        const book = backend.remote.list();
        const victim = book[cmd.pick % Math.max(1, book.length)];
        if (victim) {
          deleted.add(victim.contact.nickname);
          backend.remote.remove(victim.remoteId);
        }
        break;
      }
      case 'race': {
        // Another device edits a contact just before one of our writes reaches the server.
        const device = devices[cmd.pick % DEVICES] as Device;
        device.network.beforeNextWrite = () => {
          const book = backend.remote.list();
          const victim = book[cmd.value % Math.max(1, book.length)];
          if (victim) backend.remote.update(victim.remoteId, { notes: `raced ${cmd.value}` });
        };
        break;
      }
      case 'sync':
        await sync(cmd.device);
        break;
      case 'server-fault':
        stats.faults.set(cmd.fault, (stats.faults.get(cmd.fault) ?? 0) + 1);
        backend.inject(cmd.fault);
        break;
      case 'offline-once':
        stats.faults.set('offline', (stats.faults.get('offline') ?? 0) + 1);
        (devices[cmd.device] as Device).network.offlineOnce = true;
        break;
      case 'crash': {
        stats.crashes++;
        const index = cmd.device;
        const device = devices[index] as Device;
        await device.engine.close();
        let crashed = false;
        const doomed = await open(
          index,
          device,
          crashingFetch(observedFetch(index, backend, device.network, exchanges), cmd.atRequest, cmd.afterSend, () => (crashed = true)),
        );
        const running = doomed.sync().then(
          () => undefined,
          () => undefined,
        );
        await Promise.race([running, until(() => crashed)]);
        // The app is gone. Closing it now abandons its hung request (which then changes nothing a
        // later engine relies on) instead of leaving it to wake at its timeout later in the run.
        await doomed.close();
        device.engine = await open(index, device);
        break;
      }
      case 'advance':
        backend.advance(cmd.ms);
        break;
    }
  }

  // Faults stop; time passes every retry-after; everyone syncs until quiet.
  backend.clearFaults();
  for (const device of devices) {
    device.network.offlineOnce = false;
    device.network.beforeNextWrite = null;
  }
  for (let round = 0; round < 8; round++) {
    backend.advance(3_600_000);
    for (let i = 0; i < DEVICES; i++) {
      const device = devices[i] as Device;
      // A user retries what the server refused while faults were injected.
      for (const c of await device.engine.conflicts()) if (c.kind === 'rejected') await device.engine.resolveConflict(c.id, 'keep-local');
      await sync(i);
    }
  }
  await checkConverged(
    backend,
    devices.map((d) => d.engine),
    created,
    deleted,
  );
  for (const device of devices) await device.engine.close();
}

function person(named: number, nickname: string): ContactDraft {
  return toDraft({ name: { given: NAMES[named % NAMES.length] ?? 'Ada', family: 'Model' }, nickname });
}

/** A user's edit, made as a form would: a new phone takes a type the account still has room for. */
function edit(
  draft: {
    company: string;
    notes: string;
    emails: { type: 'personal' | 'work' | 'other'; address: string }[];
    phones: { type: PhoneType; number: string }[];
    categories: string[];
  },
  field: string,
  value: number,
  model: FieldModel,
): void {
  if (field === 'company') draft.company = `Company ${value}`;
  if (field === 'notes') draft.notes = `note ${value}`;
  if (field === 'email' && draft.emails.length === 0) draft.emails.push({ type: 'personal', address: `p${value}@model.example` });
  else if (field === 'email') draft.emails[0] = { type: draft.emails[0]?.type ?? 'personal', address: `p${value}@model.example` };
  if (field === 'phone' && !draft.phones.some((p) => p.number.endsWith(` ${value}`))) {
    const number = `+1 555 000 ${value}`;
    const type = freePhoneType(draft.phones, model);
    const last = draft.phones[draft.phones.length - 1];
    if (type !== null) draft.phones.push({ type, number });
    else if (last !== undefined) draft.phones[draft.phones.length - 1] = { type: last.type, number };
  }
  if (field === 'category' && !draft.categories.includes(`Cat${value}`)) draft.categories.push(`Cat${value}`);
}

/** Lets I/O and promise callbacks run until `condition` holds (no timed sleep). */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise<void>((resolve) => setImmediate(resolve));
}

/** The first phone type the model accepts with room left on this contact, or null when full. */
function freePhoneType(phones: readonly { type: PhoneType }[], model: FieldModel): PhoneType | null {
  if (model.phones.maxItems !== null && phones.length >= model.phones.maxItems) return null;
  for (const [type, limit] of Object.entries(model.phones.types) as [PhoneType, number | null][]) {
    if (limit === null || phones.filter((p) => p.type === type).length < limit) return type;
  }
  return null;
}
