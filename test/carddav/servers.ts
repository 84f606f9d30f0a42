/**
 * The real-server launcher lives with the CardDAV benchmark (bench/src/carddav/servers.ts), which
 * starts the same servers; the tests import it from here.
 */
export * from '../../bench/src/carddav/servers.js';
