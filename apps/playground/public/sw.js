// The playground's service worker, for static hosts:
// - offline: every same-origin GET goes to the network first and is kept; with no network the kept copy
//   answers, so the lab works offline after one visit;
// - shared memory: it adds the isolation headers (COOP same-origin, COEP require-corp) that a plain
//   static host does not send, so Ctrl-C and lines typed during a background job reach the guest at its
//   next syscall there too (the page reloads once, the first time, to come under it).
const CACHE = "rnglab-playground";

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(
    (async () => {
      let response;
      try {
        response = await fetch(request);
        if (response.ok) {
          const cache = await caches.open(CACHE);
          await cache.put(request, response.clone());
        }
      } catch {
        // Offline: the kept copy; a page address with a query the cache never saw gets the kept page.
        response = (await caches.match(request)) ?? (request.mode === "navigate" ? await caches.match(new URL("./", self.registration.scope).href) : undefined);
        if (!response) return Response.error();
      }
      if (response.status === 0) return response;
      const headers = new Headers(response.headers);
      headers.set("Cross-Origin-Opener-Policy", "same-origin");
      headers.set("Cross-Origin-Embedder-Policy", "require-corp");
      headers.set("Cross-Origin-Resource-Policy", "same-origin");
      return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
    })(),
  );
});
