// ServiceLab's service worker: it keeps the files of one release in a cache of
// their own, so that after the first visit the app opens without a network.
//
// scripts/post-build.mjs writes dist/sw.js as one line describing the release,
//   self.SERVICELAB_BUILD = { version, shell, files };
// followed by this file. `version` is a hash of every file of the release, so a
// new release is a new sw.js, which the browser notices on the next visit. The
// new worker then installs next to the running one and waits; the app shows
// "A new version of ServiceLab is ready" and, when the user presses Reload,
// posts "skip-waiting" here. Caches of other releases are deleted once the new
// worker takes over.
//
// Strategy: the release's files are served from the cache (their names carry
// content hashes, so a cached copy is never stale); every page address in the
// scope (/, /incidents, /incidents/INC0001001 ...) is answered with the cached
// index.html, as the host does, so deep links open offline.

const { version, shell, files } = self.SERVICELAB_BUILD;
const PREFIX = "servicelab-";
const CACHE = `${PREFIX}${version}`;
const cached = new Set(files);

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) =>
      // "reload": take every file from the server, never from the HTTP cache,
      // so that an index.html kept by a proxy cannot pair with other files.
      cache.addAll(files.map((url) => new Request(url, { cache: "reload" }))),
    ),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) {
        if (key.startsWith(PREFIX) && key !== CACHE) await caches.delete(key);
      }
      // The first install takes over the open page at once, so that it works
      // offline without a second visit. (An update waits for the user.)
      await self.clients.claim();
    })(),
  );
});

self.addEventListener("message", (event) => {
  if (event.data === "skip-waiting") self.skipWaiting();
});

self.addEventListener("fetch", (event) => {
  const { request } = event;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    event.respondWith(fromCache(shell, request));
  } else if (cached.has(url.pathname)) {
    event.respondWith(fromCache(url.pathname, request));
  }
});

/** The cached copy of `key`, or the network's answer if the cache lost it. */
async function fromCache(key, request) {
  const cache = await caches.open(CACHE);
  return (await cache.match(key)) ?? fetch(request);
}
