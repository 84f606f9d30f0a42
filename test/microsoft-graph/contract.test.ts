import { microsoftGraph } from '@contactsync/adapters';
import { startGraphEmulator } from '@contactsync/adapters/emulators';
import { describeServiceContract } from '@contactsync/core/testing';
import { fakeClock } from './graph-kit.js';

/** The service-port contract, for the Graph adapter talking to its emulator over loopback HTTP. */
describeServiceContract({
  name: 'Microsoft Graph adapter + emulator',
  setup: async () => {
    const clock = fakeClock();
    const emulator = await startGraphEmulator({ port: 0, clock: clock.now });
    const { control } = emulator;
    return {
      service: microsoftGraph({ baseUrl: emulator.url, getAccessToken: () => control.token() }),
      remote: {
        create: async (contact) => control.create(contact),
        update: async (remoteId, change) => {
          if (!control.update(remoteId, change)) throw new Error(`no contact ${remoteId} on the emulator`);
        },
        remove: async (remoteId) => {
          control.remove(remoteId);
        },
        list: async () => control.list(),
      },
      advance: async (ms) => clock.advance(ms),
      close: () => emulator.close(),
    };
  },
  unsupported: {
    fields: ['emails'],
    reason:
      'Graph emailAddresses carry no type (contact resource: emailAddress is { name, address }), so every address reads back as personal; addresses themselves are checked by the create and update cases and by test/microsoft-graph/mapping cases',
  },
  modelOnlyLimits: {
    paths: ['notes'],
    reason: 'personalNotes has no documented limit; the model caps it at 32,000 characters so one contact cannot fill a $batch',
  },
});
