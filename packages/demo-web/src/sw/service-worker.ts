/**
 * The app shell's service worker: the built app (every file of the build, listed by the build into
 * `self.__PRECACHE__`) is cached at install, so a reload with no network opens the app, which then
 * reads its replica from IndexedDB. Service requests (`/api/...`) are never cached: the engine's
 * answers must be the server's. A new build installs beside the running one and waits; the page says
 * a newer version is available and, when the person agrees, asks it to take over (`skip-waiting`).
 */

interface Manifest {
  readonly version: string;
  readonly files: readonly string[];
}

interface ExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface FetchEvent extends ExtendableEvent {
  readonly request: Request;
  respondWith(response: Promise<Response>): void;
}
interface ServiceWorkerScope {
  readonly __PRECACHE__: Manifest;
  readonly registration: { readonly scope: string };
  readonly clients: { claim(): Promise<void> };
  skipWaiting(): Promise<void>;
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', listener: (event: FetchEvent) => void): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<unknown>) => void): void;
}

const scope = globalThis as unknown as ServiceWorkerScope;
const manifest = scope.__PRECACHE__;
const CACHE = `contactsync-demo-shell-${manifest.version}`;
const base = new URL(scope.registration.scope);
const SHELL = new URL('./', base).href;

scope.addEventListener('install', (event) => {
  // The page itself (`./`) and every built file, in one go: a half-cached version is never used.
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll([SHELL, ...manifest.files.map((file) => new URL(file, base).href)])));
});

scope.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(keys.filter((key) => key.startsWith('contactsync-demo-shell-') && key !== CACHE).map((key) => caches.delete(key))),
      )
      .then(() => scope.clients.claim()),
  );
});

scope.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') void scope.skipWaiting();
});

scope.addEventListener('fetch', (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== base.origin || url.pathname.startsWith('/api/')) return;
  if (request.mode === 'navigate') {
    // The network first, so a running server's page is used; the cached shell when there is none.
    event.respondWith(fetch(request).catch(() => fromCache(SHELL)));
    return;
  }
  // Built files are named by their content: the cached copy is the right one.
  event.respondWith(caches.match(request, { cacheName: CACHE }).then((hit) => hit ?? fetch(request)));
});

async function fromCache(url: string): Promise<Response> {
  const hit = await caches.match(url, { cacheName: CACHE });
  return hit ?? Response.error();
}
