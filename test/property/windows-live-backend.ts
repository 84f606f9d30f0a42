import { windowsLive } from '@contactsync/adapters';
import { startWindowsLiveEmulator } from '@contactsync/adapters/emulators';
import type { Backend, ServerFault } from './backend.js';

/** The Windows Live adapter against its emulator, on a fake clock, with small delta pages. */
export async function windowsLiveBackend(): Promise<Backend> {
  let time = Date.UTC(2010, 5, 1, 12, 0, 0);
  const emulator = await startWindowsLiveEmulator({ port: 0, clock: () => time, quotas: { callsPerSecond: null, maxDeltaContacts: 3 } });
  const { control } = emulator;
  const faults: Record<ServerFault, () => void> = {
    'unavailable-retry-after': () => control.failNext({ status: 503, retryAfter: 60 }),
    unavailable: () => control.failNext({ status: 503 }),
    throttled: () => control.failNext({ status: 504, retryAfter: 2 }),
    'server-error': () => control.failNext({ status: 500 }),
    'auth-expired': () => control.failNext({ status: 401 }),
    'lost-response': () => control.loseNextResponse(),
    'reject-next-write': () => control.failNext({ method: 'PUT', status: 400 }),
    slow: () => control.setLatency(3),
  };
  return {
    name: 'Windows Live',
    retryAfterOnly: false,
    format: 'xml',
    secrets: [emulator.token],
    service: (fetch) => windowsLive({ baseUrl: emulator.url, lid: emulator.lid, token: emulator.token, fetch }),
    remote: {
      create: (contact) => control.create(contact),
      update: (remoteId, change) => void control.update(remoteId, change),
      remove: (remoteId) => void control.remove(remoteId),
      list: () => control.list(),
    },
    inject: (fault) => faults[fault](),
    clearFaults: () => control.clearFaults(),
    requestCount: () => control.log().length,
    now: () => time,
    advance: (ms) => {
      time += ms;
    },
    close: () => emulator.close(),
  };
}
