import { FakeContactService } from '@contactsync/core/testing';
import type { Backend, ServerFault } from './backend.js';

/**
 * Core's in-memory fake service as a Backend, so the models that drive adapters over HTTP drive
 * it too. It has no wire: `service()` ignores the fetch it is given and every device shares the
 * one fake (which is what devices share in a real service: the server's book).
 */
export async function fakeBackend(): Promise<Backend> {
  let time = Date.UTC(2010, 5, 1, 12, 0, 0);
  let calls = 0;
  const fake = new FakeContactService({ pageSize: 3, traits: { maxBatchSize: 2 } });
  const busy = { kind: 'retry-at', retryAfterMs: 60_000, code: '503', userMessage: 'The server is busy.' } as const;
  const failed = { kind: 'failed', code: '500', userMessage: 'The server failed.', maybeCommitted: false } as const;
  const faults: Record<ServerFault, () => void> = {
    'unavailable-retry-after': () => fake.inject({ on: 'any', times: 1, answer: busy }),
    unavailable: () => fake.inject({ on: 'any', times: 1, answer: { ...failed, code: '503' } }),
    throttled: () => fake.inject({ on: 'push', times: 1, answer: { ...busy, retryAfterMs: 2_000 } }),
    'server-error': () => fake.inject({ on: 'any', times: 1, answer: failed }),
    'auth-expired': () =>
      fake.inject({ on: 'any', times: 1, answer: { kind: 'auth-required', code: '401', userMessage: 'Sign in again.' } }),
    'lost-response': () => fake.inject({ on: 'push', times: 1, answer: 'lost' }),
    'reject-next-write': () => fake.inject({ on: 'push', times: 1, answer: failed }),
    slow: () => undefined,
  };
  const counted = {
    traits: fake.traits,
    pull: (request: Parameters<FakeContactService['pull']>[0]) => (calls++, fake.pull(request)),
    push: (request: Parameters<FakeContactService['push']>[0]) => (calls++, fake.push(request)),
  };
  return {
    name: 'fake service',
    retryAfterOnly: false,
    format: 'json',
    secrets: [],
    service: () => counted,
    remote: {
      create: (contact) => fake.remoteCreate(contact),
      update: (remoteId, change) => fake.remoteUpdate(remoteId, change),
      remove: (remoteId) => fake.remoteRemove(remoteId),
      list: () => fake.list(),
    },
    inject: (fault) => faults[fault](),
    clearFaults: () => fake.clearFaults(),
    requestCount: () => calls,
    now: () => time,
    advance: (ms) => {
      time += ms;
    },
    close: async () => undefined,
  };
}
