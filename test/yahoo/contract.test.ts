import { describeServiceContract } from '@contactsync/core/testing';
import { FORMATS, fakeClock, startPair } from './yahoo-kit.js';

for (const format of FORMATS) {
  describeServiceContract({
    name: `Yahoo Address Book (${format})`,
    setup: async () => {
      const clock = fakeClock();
      const { emulator, service } = await startPair(format, { clock: clock.now });
      const control = emulator.control;
      return {
        service,
        remote: {
          create: async (contact) => control.createContact(contact),
          update: async (remoteId, change) => control.updateContact(remoteId, change),
          remove: async (remoteId) => control.removeContact(remoteId),
          list: async () => control.listContacts(),
        },
        advance: async (ms) => clock.advance(ms),
        close: () => emulator.close(),
      };
    },
  });
}
