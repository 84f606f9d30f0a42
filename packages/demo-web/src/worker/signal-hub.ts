import type { SignalMessage } from './protocol';

type Signal = SignalMessage['signal'];

/** Fans the page's signals (`online`, `visible`) out to whoever listens in the worker. */
export class SignalHub {
  private readonly listeners = new Map<Signal, Set<() => void>>();

  on(signal: Signal, listener: () => void): () => void {
    const set = this.listeners.get(signal) ?? new Set();
    set.add(listener);
    this.listeners.set(signal, set);
    return () => set.delete(listener);
  }

  emit(signal: Signal): void {
    for (const listener of [...(this.listeners.get(signal) ?? [])]) listener();
  }
}
