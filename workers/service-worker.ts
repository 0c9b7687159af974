/**
 * The service worker: once the app has been loaded, it keeps working offline (DESIGN §6). It holds
 * one cache of the app's own files — the page, its hashed scripts and styles, the simulation
 * worker, the icon — and nothing else: no results, no sessions (those live in IndexedDB).
 *
 * - The page sends the URLs it loaded (`alvh:cache`, from lib/offline.ts): they are cached then,
 *   so the first visit is enough, even though the worker only controls the page after it.
 * - A page navigation goes to the network first (a new deployment is picked up at once) and falls
 *   back to the cached page offline; the hashed assets never change, so they come from the cache
 *   first. Only same-origin GET requests are touched.
 * - Embed mode never registers it (PITFALLS: sandboxed iframes and storage).
 */
// The page's types (DOM) see `self` as a Window; in this file it is the service worker's scope.
const sw = self as unknown as ServiceWorkerGlobalScope;

/** Bump when the caching rules change: activation deletes every other cache. */
const CACHE = 'alvh-app-v1';
/** The app's page (the worker's scope root). */
const PAGE = new URL('./', sw.location.href).href;

const sameOrigin = (url: string): boolean => {
  try {
    return new URL(url, sw.location.href).origin === sw.location.origin;
  } catch {
    return false;
  }
};

async function keep(request: Request | string, response: Response): Promise<void> {
  if (!response.ok || response.type === 'opaque') return;
  const cache = await caches.open(CACHE);
  await cache.put(request, response);
}

sw.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      await cache.add(new Request(PAGE, { cache: 'reload' }));
      await sw.skipWaiting();
    })(),
  );
});

sw.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) if (key !== CACHE) await caches.delete(key);
      await sw.clients.claim();
    })(),
  );
});

sw.addEventListener('message', (event) => {
  const data: unknown = event.data;
  if (typeof data !== 'object' || data === null) return;
  const { type, urls } = data as { type?: unknown; urls?: unknown };
  if (type !== 'alvh:cache' || !Array.isArray(urls)) return;
  const wanted = urls.filter((u): u is string => typeof u === 'string' && sameOrigin(u));
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      // One failed file (e.g. the network just dropped) must not spoil the others.
      const results = await Promise.allSettled(wanted.map((url) => cache.add(url)));
      const cached = results.filter((r) => r.status === 'fulfilled').length;
      event.source?.postMessage({ type: 'alvh:cached', cached, asked: wanted.length });
    })(),
  );
});

sw.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET' || !sameOrigin(request.url)) return;
  if (request.mode === 'navigate') {
    event.respondWith(
      (async () => {
        try {
          const response = await fetch(request);
          void keep(PAGE, response.clone());
          return response;
        } catch {
          return (await caches.match(PAGE, { ignoreVary: true })) ?? Response.error();
        }
      })(),
    );
    return;
  }
  event.respondWith(
    (async () => {
      // ignoreVary: the preview server (and many hosts) send `Vary: Origin`, and a module script's
      // request carries an Origin header the cached copy was fetched without.
      const hit = await caches.match(request, { ignoreVary: true });
      if (hit) return hit;
      const response = await fetch(request);
      void keep(request, response.clone());
      return response;
    })(),
  );
});

export {};
