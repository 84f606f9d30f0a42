export { yahooAddressBook } from './client.js';
export type { YahooAddressBookOptions } from './client.js';
