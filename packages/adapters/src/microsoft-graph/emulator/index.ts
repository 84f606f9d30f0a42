export { startGraphEmulator } from './server.js';
export { DEFAULT_SETTINGS as DEFAULT_GRAPH_EMULATOR_SETTINGS } from './types.js';
export type {
  DroppedResponse as GraphDroppedResponse,
  ForcedResponse as GraphForcedResponse,
  GraphEmulator,
  GraphEmulatorControl,
  GraphEmulatorOptions,
  GraphEmulatorSettings,
  LogEntry as GraphLogEntry,
  RemoteEntry as GraphRemoteEntry,
} from './types.js';
