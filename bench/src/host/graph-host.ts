import { generateContacts, startGraphEmulator } from '@contactsync/adapters/emulators';
import type { Running } from './host.js';

/**
 * A Microsoft Graph emulator for the benchmarks: Graph's own limits (pages of at most 200, four
 * concurrent requests per mailbox), no request quota per 10 minutes (the emulator's default), so a
 * 100,000-contact round of 500 pages is never throttled.
 */
export async function startGraph(contacts: number): Promise<Running> {
  const emulator = await startGraphEmulator();
  const remoteIds = emulator.control.seed(generateContacts(contacts));
  return {
    connection: { provider: 'microsoft-graph', url: emulator.url, credentials: { token: emulator.control.token() } },
    remoteIds,
    edit: (remoteId, notes) => {
      emulator.control.update(remoteId, { notes });
    },
    settle: () => undefined,
    close: () => emulator.close(),
  };
}
