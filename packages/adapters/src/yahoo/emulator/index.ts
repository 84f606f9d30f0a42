export { startYahooEmulator } from './server.js';
export type { YahooEmulator, YahooEmulatorOptions } from './server.js';
export { ControlError } from './control.js';
export type { YahooEmulatorControl } from './control.js';
export type { EventFault, RequestFault, RequestMatch } from './faults.js';
export type { EmulatorLimits } from './limits.js';
export type { RequestLogEntry } from './state.js';
export { syntheticContacts } from './synthetic.js';
