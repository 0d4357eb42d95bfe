// Ovaal's service worker: keeps the page's own files (the shell) so that a board
// page can be reloaded while the server is down. The board itself then comes from
// the browser's IndexedDB copy (web/src/local_store.rs), and cards written meanwhile
// reach the server when it is back.
//
// Served at /sw.js (so its scope is the whole site) from web/dist/assets/sw.js.
// The page is always asked of the network first: a running server is always
// asked, so a new build of the client is picked up at once; the cache only answers
// when the server cannot be reached. The page names the client's files with the
// build's version (`?v=…`, written by the build: xtask/src/version_stamp.rs), and
// such a file never changes, so this build's files are answered from the cache
// without asking the server. `/api/...` (the HTTP API and the sync WebSocket) is
// never touched.

// This build's version; a new build is a new worker with a cache of its own.
const BUILD = 'OVAAL_BUILD';
const CACHE = 'ovaal-shell-' + BUILD;

// Every page address (`/`, `/s/{id}`) is the same index.html: kept once, under `/`.
const PAGE = '/';
const SHELL = [
  PAGE,
  '/assets/style.css?v=OVAAL_BUILD',
  '/assets/boot.js?v=OVAAL_BUILD',
  '/assets/icon.svg?v=OVAAL_BUILD',
  '/assets/ovaal_web.js?v=OVAAL_BUILD',
  '/assets/ovaal_web_bg.wasm?v=OVAAL_BUILD',
];

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(CACHE)
      .then((cache) => cache.addAll(SHELL))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    Promise.all([
      caches.keys().then((names) => Promise.all(
        names.filter((name) => name !== CACHE).map((name) => caches.delete(name)),
      )),
      // The page's request starts while the worker itself is still starting.
      self.registration.navigationPreload
        ? self.registration.navigationPreload.enable()
        : Promise.resolve(),
    ]).then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  const isPage = request.mode === 'navigate'
    && (url.pathname === '/' || url.pathname.startsWith('/s/'));
  const isAsset = url.pathname.startsWith('/assets/');
  if (isPage) {
    event.respondWith(networkFirst(request, PAGE, event.preloadResponse));
  } else if (isAsset && url.searchParams.get('v') === BUILD) {
    const key = url.pathname + url.search;
    event.respondWith(caches.match(key).then((kept) => kept || networkFirst(request, key)));
  } else if (isAsset) {
    event.respondWith(networkFirst(request, url.pathname + url.search));
  }
});

async function networkFirst(request, key, preloaded) {
  try {
    const response = (preloaded && await preloaded) || await fetch(request);
    if (response.ok) {
      const copy = response.clone();
      caches.open(CACHE).then((cache) => cache.put(key, copy)).catch(() => {});
    }
    return response;
  } catch (unreachable) {
    const cached = await caches.match(key);
    if (cached) return cached;
    throw unreachable;
  }
}
