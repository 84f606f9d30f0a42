export * from './windows-live/emulator/index.js';
export { ControlError as YahooControlError, startYahooEmulator, syntheticContacts } from './yahoo/emulator/index.js';
export type {
  EmulatorLimits as YahooEmulatorLimits,
  EventFault as YahooEventFault,
  RequestFault as YahooRequestFault,
  RequestLogEntry as YahooRequestLogEntry,
  RequestMatch as YahooRequestMatch,
  YahooEmulator,
  YahooEmulatorControl,
  YahooEmulatorOptions,
} from './yahoo/emulator/index.js';
export { generateContacts } from './fixtures/generate-contacts.js';
export * from './microsoft-graph/emulator/index.js';
