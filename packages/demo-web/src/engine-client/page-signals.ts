import type { EngineClient } from './engine-client';

/**
 * Forwards the page's `visibilitychange` (visible or hidden) and `online` events to the worker, which has no
 * `document` of its own. Returns a function that stops forwarding.
 */
export function forwardPageSignals(client: EngineClient): () => void {
  const onVisibility = (): void => {
    client.signal(document.visibilityState === 'visible' ? 'visible' : 'hidden');
  };
  const onOnline = (): void => client.signal('online');
  document.addEventListener('visibilitychange', onVisibility);
  window.addEventListener('online', onOnline);
  return () => {
    document.removeEventListener('visibilitychange', onVisibility);
    window.removeEventListener('online', onOnline);
  };
}
