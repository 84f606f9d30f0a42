import { createEngineHost } from './engine-host';
import { createService } from './create-service';
import type { CallMessage, EngineApi, FromWorker, ToWorker } from './protocol';
import { SignalHub } from './signal-hub';
import { workerAutoSyncEnvironment } from './worker-auto-sync-environment';
import { toWorkerError } from './worker-error';

/** The worker's global scope, typed by what this file uses (the app compiles against the DOM lib). */
interface WorkerScope {
  readonly location: { readonly origin: string };
  postMessage(message: FromWorker): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<ToWorker>) => void): void;
  addEventListener(type: 'online', listener: () => void): void;
  removeEventListener(type: 'online', listener: () => void): void;
  fetch(input: string, init: RequestInit): Promise<Response>;
}

const PULL_INTERVAL_MS = 20_000;
const scope = globalThis as unknown as WorkerScope;
const signals = new SignalHub();
const host: EngineApi = createEngineHost({
  post: (message) => scope.postMessage(message),
  environment: workerAutoSyncEnvironment(scope, signals),
  // Other devices' changes appear within this time while the page is visible.
  pullIntervalMs: PULL_INTERVAL_MS,
  createService: (account) => createService(account, scope.location.origin, (input, init) => scope.fetch(input, init)),
});

scope.addEventListener('message', (event) => {
  const message = event.data;
  if (message.kind === 'signal') {
    signals.emit(message.signal);
    return;
  }
  // Through a promise, so that a method that throws before its first await still gets a reply.
  Promise.resolve(message)
    .then(dispatch)
    .then(
      (value) => scope.postMessage({ kind: 'reply', id: message.id, ok: true, value }),
      (error: unknown) => scope.postMessage({ kind: 'reply', id: message.id, ok: false, error: toWorkerError(error) }),
    );
});

/** Calls the host method a message names. `CallMessage` pairs each method with its own arguments. */
function dispatch(call: CallMessage): Promise<unknown> {
  const method = (host[call.method] as (...args: readonly unknown[]) => Promise<unknown>).bind(host);
  return method(...call.args);
}
