export { WINDOWS_LIVE_FIELD_MODEL, windowsLive } from './windows-live/index.js';
export type { WindowsLiveOptions } from './windows-live/index.js';
export { YAHOO_FIELD_MODEL, yahooAddressBook } from './yahoo/index.js';
export type { YahooAddressBookOptions } from './yahoo/index.js';
export { GRAPH_FIELD_MODEL, microsoftGraph } from './microsoft-graph/index.js';
export type { MicrosoftGraphOptions } from './microsoft-graph/index.js';
export {
  carddav,
  discoverAddressBooks,
  preferredCardVersion,
  createDavHttp,
  createCardDavRelay,
  CARDDAV_FIELD_MODEL,
  readVCardFile,
  writeVCard,
  writeVCardFile,
} from './carddav/index.js';
export type {
  CardDavOptions,
  AddressBookInfo,
  DavAuth,
  DavHttp,
  CardDavRelayOptions,
  RelayHandler,
  UnreadableVCard,
  VCardFileCard,
  VCardFileReading,
  VCardVersion,
  WriteVCardOptions,
} from './carddav/index.js';
