export { yahooAddressBook } from './client.js';
export type { YahooAddressBookOptions } from './client.js';
export { YAHOO_FIELD_MODEL } from './field-model.js';
