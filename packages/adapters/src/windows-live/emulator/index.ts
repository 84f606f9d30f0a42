export { startWindowsLiveEmulator } from './server.js';
export { DEFAULT_QUOTAS } from './types.js';
export type {
  DroppedResponse,
  EmulatorControl,
  ForcedResponse,
  LogEntry,
  Quotas,
  RemoteEntry,
  RequestMatch,
  WindowsLiveEmulator,
  WindowsLiveEmulatorOptions,
} from './types.js';
