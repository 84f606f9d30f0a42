export { windowsLive } from './windows-live/index.js';
export type { WindowsLiveOptions } from './windows-live/index.js';
