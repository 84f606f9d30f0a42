import type { SyncReport, SyncStatus } from '@contactsync/core';
import type { EngineApi, EngineMethod, FromWorker, SignalMessage, ToWorker, WorkerError } from '../worker/protocol';

/** A failed engine call: the worker's error as data (`code`, `userMessage`, `fieldErrors`). */
export class EngineCallError extends Error {
  constructor(readonly detail: WorkerError) {
    super(detail.userMessage);
    this.name = 'EngineCallError';
  }
}

/** The parts of a `Worker` the client uses. */
export interface WorkerLike {
  postMessage(message: ToWorker): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<FromWorker>) => void): void;
  terminate(): void;
}

export interface AccountStatus {
  readonly accountId: string;
  readonly status: SyncStatus;
}

type Pending = { resolve: (value: unknown) => void; reject: (error: EngineCallError) => void };

/**
 * The page's handle on the engine worker: calls as promises, the latest status as an external store
 * (for `useSyncExternalStore`), and each sync report as an event.
 */
export class EngineClient {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private latest: AccountStatus | null = null;
  private readonly statusListeners = new Set<() => void>();
  private readonly reportListeners = new Set<(accountId: string, report: SyncReport) => void>();

  constructor(private readonly worker: WorkerLike) {
    worker.addEventListener('message', (event) => this.receive(event.data));
  }

  call<K extends EngineMethod>(method: K, ...args: Parameters<EngineApi[K]>): Promise<Awaited<ReturnType<EngineApi[K]>>> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.worker.postMessage({ kind: 'call', id, method, args } as ToWorker);
    });
  }

  signal(signal: SignalMessage['signal']): void {
    this.worker.postMessage({ kind: 'signal', signal });
  }

  readonly subscribeStatus = (listener: () => void): (() => void) => {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  };

  readonly getStatus = (): AccountStatus | null => this.latest;

  onReport(listener: (accountId: string, report: SyncReport) => void): () => void {
    this.reportListeners.add(listener);
    return () => this.reportListeners.delete(listener);
  }

  terminate(): void {
    this.worker.terminate();
  }

  private receive(message: FromWorker): void {
    switch (message.kind) {
      case 'reply': {
        const pending = this.pending.get(message.id);
        this.pending.delete(message.id);
        if (message.ok) pending?.resolve(message.value);
        else pending?.reject(new EngineCallError(message.error));
        return;
      }
      case 'status':
        this.latest = { accountId: message.accountId, status: message.status };
        for (const listener of this.statusListeners) listener();
        return;
      case 'report':
        for (const listener of this.reportListeners) listener(message.accountId, message.report);
        return;
    }
  }
}

/** Starts the engine in a dedicated module worker (Vite bundles the worker from this URL). */
export function startEngineWorker(): EngineClient {
  const worker = new Worker(new URL('../worker/engine-worker.ts', import.meta.url), { type: 'module', name: 'contactsync-engine' });
  return new EngineClient(worker);
}
