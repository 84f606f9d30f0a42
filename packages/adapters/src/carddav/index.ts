export { carddav, DEFAULT_MULTIGET_BATCH } from './client.js';
export type { CardDavOptions } from './client.js';
export { discoverAddressBooks, preferredCardVersion } from './discovery.js';
export type { AddressBookInfo } from './discovery.js';
export { createDavHttp } from './http.js';
export type { DavAuth, DavHttp, FetchLike as DavFetch } from './http.js';
export { CARDDAV_FIELD_MODEL } from './field-model.js';
export { createCardDavRelay, RELAY_METHODS } from './relay.js';
export type { CardDavRelayOptions, RelayHandler } from './relay.js';
