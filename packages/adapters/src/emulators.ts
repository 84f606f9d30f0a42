export * from './windows-live/emulator/index.js';
export { generateContacts } from './fixtures/generate-contacts.js';
