import { windowsLive } from '@contactsync/adapters';
import { startWindowsLiveEmulator } from '@contactsync/adapters/emulators';
import { describeServiceContract } from '@contactsync/core/testing';
import { fakeClock } from './kit.js';

/** The service-port contract, for the Windows Live adapter talking to its emulator over loopback HTTP. */
describeServiceContract({
  name: 'Windows Live adapter + emulator',
  setup: async () => {
    const clock = fakeClock();
    const emulator = await startWindowsLiveEmulator({ port: 0, clock: clock.now, quotas: { callsPerSecond: null } });
    const { control } = emulator;
    return {
      service: windowsLive({ baseUrl: emulator.url, lid: emulator.lid, token: emulator.token }),
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
    fields: ['name.prefix', 'name.suffix'],
    reason:
      'docs/windows-live.md §1.3 has no element for a name prefix or suffix (Profiles/Personal holds FirstName, MiddleName, LastName, NickName, Birthdate)',
  },
});
