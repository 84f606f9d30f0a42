/**
 * The emulator host: a child process that runs the emulators, so the server's work (serialising a
 * 100,000-contact book takes seconds) runs on the other core and its memory stays out of the
 * client's peak RSS. Driven over the IPC channel (see protocol.ts).
 */
import { generateContacts, startWindowsLiveEmulator, startYahooEmulator, type WindowsLiveEmulator } from '@contactsync/adapters/emulators';
import type { Connection } from '../providers/provider.js';
import { startGraph } from './graph-host.js';
import type { HostAnswer, HostEnvelope, HostReply, HostRequest } from './protocol.js';

export interface Running {
  readonly connection: Connection;
  readonly remoteIds: readonly string[];
  edit(remoteId: string, notes: string): void;
  /** After edits: make them visible to a delta pull (Windows Live reports a second only once it ended). */
  settle(): void;
  close(): Promise<void>;
}

const running = new Map<number, Running>();
let nextHandle = 1;

async function startWindowsLive(contacts: number): Promise<Running> {
  const emulator: WindowsLiveEmulator = await startWindowsLiveEmulator({
    // Lifted for large books and request-per-contact pushes; delta pages keep their 1,000 default.
    quotas: { maxContacts: contacts + 10_000, callsPerSecond: null },
  });
  const remoteIds = emulator.control.seed(generateContacts(contacts));
  // Let the seeding second end: a root GET within it answers Last-Modified = the second before, so
  // the first delta would send the whole seeded book again (correctly, and not what we measure).
  emulator.control.advance(1_100);
  return {
    connection: { provider: 'windows-live-xml', url: emulator.url, credentials: { lid: emulator.lid, token: emulator.token } },
    remoteIds,
    edit: (remoteId, notes) => {
      emulator.control.update(remoteId, { notes });
    },
    settle: () => emulator.control.advance(1_100),
    close: () => emulator.close(),
  };
}

async function startYahoo(provider: 'yahoo-xml' | 'yahoo-json', contacts: number): Promise<Running> {
  const emulator = await startYahooEmulator({
    limits: { maxContacts: contacts + 10_000, maxCategoryMemberships: contacts * 4 + 10_000 },
  });
  const remoteIds = emulator.control.seed(generateContacts(contacts));
  return {
    connection: { provider, url: emulator.url, credentials: { appid: emulator.appid, wssid: emulator.wssid, cookie: emulator.cookie } },
    remoteIds,
    edit: (remoteId, notes) => emulator.control.updateContact(remoteId, { notes }),
    settle: () => undefined,
    close: () => emulator.close(),
  };
}

async function handle(request: HostRequest): Promise<HostAnswer> {
  switch (request.cmd) {
    case 'start': {
      const started = performance.now();
      const emulator =
        request.provider === 'windows-live-xml'
          ? await startWindowsLive(request.contacts)
          : request.provider === 'microsoft-graph'
            ? await startGraph(request.contacts)
            : await startYahoo(request.provider, request.contacts);
      const handle = nextHandle++;
      running.set(handle, emulator);
      return { handle, connection: emulator.connection, seedMs: performance.now() - started };
    }
    case 'edit': {
      const emulator = running.get(request.handle);
      if (emulator === undefined) throw new Error(`no emulator ${request.handle}`);
      const ids = emulator.remoteIds;
      // Spread the edited contacts over the book; each round edits different ones.
      const stride = Math.max(1, Math.floor(ids.length / request.count));
      let edited = 0;
      for (let i = 0; i < request.count; i++) {
        const remoteId = ids[(i * stride + request.round) % ids.length];
        if (remoteId === undefined) continue;
        emulator.edit(remoteId, `Edited on another device, round ${request.round}, change ${i}.`);
        edited++;
      }
      emulator.settle();
      return { edited };
    }
    case 'stop': {
      const emulator = running.get(request.handle);
      running.delete(request.handle);
      await emulator?.close();
      return { stopped: true };
    }
  }
}

process.on('message', (message: HostEnvelope) => {
  handle(message.request).then(
    (value) => process.send?.({ id: message.id, ok: true, value } satisfies HostReply),
    (error: unknown) =>
      process.send?.({
        id: message.id,
        ok: false,
        error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      } satisfies HostReply),
  );
});
process.on('disconnect', () => {
  void Promise.all([...running.values()].map((e) => e.close())).finally(() => process.exit(0));
});
