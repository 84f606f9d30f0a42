/**
 * Registers the app shell's service worker and says when a newer version of the app is waiting: the
 * page keeps running the version it loaded until the person chooses to reload into the new one.
 */
export class AppUpdates {
  private waiting: ServiceWorker | null = null;
  private readonly listeners = new Set<() => void>();

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly updateReady = (): boolean => this.waiting !== null;

  /** Registers `sw.js` (next to index.html). Without service worker support the app still runs online. */
  async register(container: ServiceWorkerContainer | undefined = navigator.serviceWorker): Promise<void> {
    if (container === undefined) return;
    const registration = await container.register('./sw.js');
    // A version already waiting (installed while an older page was open) counts as well.
    if (registration.waiting !== null && container.controller !== null) this.setWaiting(registration.waiting);
    registration.addEventListener('updatefound', () => {
      const installing = registration.installing;
      installing?.addEventListener('statechange', () => {
        // With no controller this is the first install, not an update.
        if (installing.state === 'installed' && container.controller !== null) this.setWaiting(installing);
      });
    });
    // Look for a new version when the person comes back to the tab.
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible') void registration.update().catch(() => undefined);
    });
  }

  /** Asks the waiting version to take over, then reloads into it. */
  applyUpdate(container: ServiceWorkerContainer = navigator.serviceWorker): void {
    if (this.waiting === null) return;
    container.addEventListener('controllerchange', () => window.location.reload(), { once: true });
    this.waiting.postMessage('skip-waiting');
  }

  private setWaiting(worker: ServiceWorker): void {
    this.waiting = worker;
    for (const listener of this.listeners) listener();
  }
}
