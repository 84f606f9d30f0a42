import { describeServiceContract } from './contract-suite.js';
import { FakeContactService } from './fake-service.js';
import { isEmailAddress } from '../model/validate.js';

describeServiceContract({
  name: 'in-memory fake',
  setup: async () => {
    const fake = new FakeContactService({
      reject: (contact) => (contact.emails.every((e) => isEmailAddress(e.address)) ? null : 'That email address is not valid.'),
    });
    return {
      service: fake,
      remote: {
        create: async (contact) => fake.remoteCreate(contact),
        update: async (remoteId, change) => fake.remoteUpdate(remoteId, change),
        remove: async (remoteId) => fake.remoteRemove(remoteId),
        list: async () => fake.list(),
      },
      advance: async () => undefined,
      close: async () => undefined,
    };
  },
});
