// The sw.js of a development build (trunk serve, or a build without --release).
//
// A developer who once opened a release build on the same address (say
// http://127.0.0.1:8080) still has its service worker, which would keep
// answering with the cached release. The browser fetches sw.js again on every
// visit; finding this different file, it installs it, and this worker removes
// ServiceLab's caches, unregisters itself and reloads the open pages, which
// then come from the development server.

self.addEventListener("install", () => self.skipWaiting());

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) {
        if (key.startsWith("servicelab-")) await caches.delete(key);
      }
      await self.registration.unregister();
      for (const client of await self.clients.matchAll({ type: "window" })) {
        client.navigate(client.url);
      }
    })(),
  );
});
