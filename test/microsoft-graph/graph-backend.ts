import { microsoftGraph } from '@contactsync/adapters';
import { startGraphEmulator } from '@contactsync/adapters/emulators';
import type { Backend, ServerFault } from '../property/backend.js';

/**
 * The Graph adapter against its emulator as the convergence model's `Backend`: a fake clock, small
 * delta pages with replays and shuffled items, and partial update items.
 */
export async function graphBackend(): Promise<Backend> {
  let time = Date.UTC(2026, 0, 5, 9, 0, 0);
  const emulator = await startGraphEmulator({
    port: 0,
    clock: () => time,
    settings: { partialUpdates: true, replay: true, shuffle: true },
  });
  const { control } = emulator;
  const faults: Record<ServerFault, () => void> = {
    'unavailable-retry-after': () => control.failNext({ status: 503, retryAfter: 60 }),
    unavailable: () => control.failNext({ status: 503 }),
    throttled: () => control.failNext({ status: 429, retryAfter: 2, inBatch: true }),
    'server-error': () => control.failNext({ status: 500 }),
    'auth-expired': () => void control.rotateToken(),
    'lost-response': () => control.loseNextResponse(),
    'reject-next-write': () => control.failNext({ method: 'PATCH', status: 400, inBatch: true }),
    slow: () => control.setLatency(3),
  };
  return {
    name: 'Microsoft Graph',
    retryAfterOnly: false,
    format: 'json',
    secrets: [control.token()],
    service: (fetch) => microsoftGraph({ baseUrl: emulator.url, getAccessToken: () => control.token(), fetch, pageSize: 3 }),
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
