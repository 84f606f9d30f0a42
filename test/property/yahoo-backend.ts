import { yahooAddressBook } from '@contactsync/adapters';
import { startYahooEmulator } from '@contactsync/adapters/emulators';
import type { Backend, ServerFault } from './backend.js';

/** The Yahoo adapter in one format against its emulator, on a fake clock. */
export async function yahooBackend(format: 'xml' | 'json'): Promise<Backend> {
  let time = Date.UTC(2010, 5, 1, 12, 0, 0);
  const emulator = await startYahooEmulator({ port: 0, clock: () => time });
  const { control } = emulator;
  const faults: Record<ServerFault, () => void> = {
    'unavailable-retry-after': () => control.failNext({ status: 503, code: -50302, retryAfter: 60 }),
    unavailable: () => control.failNext({ status: 503, code: -17011 }),
    throttled: () => control.failNextEvents({ code: -50302, retryAfter: 5 }),
    'server-error': () => control.failNext({ status: 500 }),
    'auth-expired': () => control.failNext({ status: 403 }),
    'lost-response': () => control.loseNextResponse(),
    'reject-next-write': () => control.failNextEvents({ code: -40014 }),
    slow: () => control.setLatency(3),
  };
  return {
    name: `Yahoo ${format.toUpperCase()}`,
    retryAfterOnly: true,
    format,
    secrets: [emulator.appid, emulator.wssid, emulator.cookie.replace(/^Y=/, '')],
    service: (fetch) =>
      yahooAddressBook({ baseUrl: emulator.url, appid: emulator.appid, wssid: emulator.wssid, cookie: emulator.cookie, format, fetch }),
    remote: {
      create: (contact) => control.createContact(contact),
      update: (remoteId, change) => control.updateContact(remoteId, change),
      remove: (remoteId) => control.removeContact(remoteId),
      list: () => control.listContacts(),
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
