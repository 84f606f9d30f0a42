export { windowsLive } from './client.js';
export type { WindowsLiveOptions } from './client.js';
export { WINDOWS_LIVE_FIELD_MODEL } from './field-model.js';
