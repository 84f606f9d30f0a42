export { windowsLive } from './client.js';
export type { WindowsLiveOptions } from './client.js';
