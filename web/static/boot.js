// Starts the client. A file of its own, not an inline script: the server's
// Content-Security-Policy runs only scripts from this site (server/src/http/headers.rs).
import init from '/assets/ovaal_web.js';

init({ module_or_path: '/assets/ovaal_web_bg.wasm' });
// Keeps the page's own files for a reload while the server is down (sw.js).
// Browsers allow it on https and on localhost only; elsewhere the page works
// without it.
if ('serviceWorker' in navigator) {
  navigator.serviceWorker.register('/sw.js').catch(() => {});
}
