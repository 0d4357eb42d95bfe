// Ovaal's service worker: keeps the page's own files (the shell) so that a board
// page can be reloaded while the server is down. The board itself then comes from
// the browser's IndexedDB copy (web/src/local_store.rs), and cards written meanwhile
// reach the server when it is back.
//
// Served at /sw.js (so its scope is the whole site) from web/dist/assets/sw.js.
// Always network first: a running server is always asked, so a new version of the
// client is picked up at once; the cache only answers when the server cannot be
// reached. `/api/...` (the HTTP API and the sync WebSocket) is never touched.

const CACHE = 'ovaal-shell-v2';

// Every page address (`/`, `/s/{id}`) is the same index.html: kept once, under `/`.
const PAGE = '/';
const SHELL = [
  PAGE,
  '/assets/style.css',
  '/assets/boot.js',
  '/assets/icon.svg',
  '/assets/ovaal_web.js',
  '/assets/ovaal_web_bg.wasm',
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
    caches.keys()
      .then((names) => Promise.all(
        names.filter((name) => name !== CACHE).map((name) => caches.delete(name)),
      ))
      .then(() => self.clients.claim()),
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
  if (!isPage && !isAsset) return;
  const key = isPage ? PAGE : url.pathname;
  event.respondWith(networkFirst(request, key));
});

async function networkFirst(request, key) {
  try {
    const response = await fetch(request);
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
