/**
 * Node-only helpers for tests and the demo: real CardDAV servers run as child processes on loopback.
 * Not part of the browser-facing API (`@contactsync/adapters`).
 */
export { freePort, launchServerProcess, waitUntilUp } from './carddav/testing/server-process.js';
export type { ServerProcess } from './carddav/testing/server-process.js';
export { RADICALE_BIN, startRadicaleProcess } from './carddav/testing/radicale-process.js';
export type { RadicaleProcess, RadicaleProcessOptions } from './carddav/testing/radicale-process.js';
