/**
 * Offline use (DESIGN §6: "works offline once loaded"): registers the service worker
 * (workers/service-worker.ts, built to /sw.js) and hands it the URLs this page loaded — the page,
 * its scripts and styles, the simulation worker — so they are cached on the first visit.
 * Not in embed mode: an embed stores nothing and registers nothing (PITFALLS).
 */

/** Resolves when the app's files are cached (true), or false where that is not possible. */
export async function keepAppOffline(): Promise<boolean> {
  if (!('serviceWorker' in navigator) || !window.isSecureContext) return false;
  try {
    await navigator.serviceWorker.register(new URL('./sw.js', location.href), { scope: './' });
    const registration = await navigator.serviceWorker.ready;
    const worker = registration.active;
    if (!worker) return false;
    const urls = [
      new URL('./', location.href).href,
      ...performance
        .getEntriesByType('resource')
        .map((entry) => entry.name)
        .filter((url) => new URL(url).origin === location.origin),
    ];
    return await new Promise<boolean>((resolve) => {
      const onMessage = (event: MessageEvent) => {
        const data = event.data as { type?: string; cached?: number; asked?: number } | null;
        if (data?.type !== 'alvh:cached') return;
        navigator.serviceWorker.removeEventListener('message', onMessage);
        resolve(data.cached === data.asked);
      };
      navigator.serviceWorker.addEventListener('message', onMessage);
      worker.postMessage({ type: 'alvh:cache', urls: [...new Set(urls)] });
    });
  } catch {
    // Refused (private modes, policies): the app works as before, online.
    return false;
  }
}
