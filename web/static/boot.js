// Starts the client. A file of its own, not an inline script: the server's
// Content-Security-Policy runs only scripts from this site (server/src/http/headers.rs).
// The `v` parameter is the build's version (xtask/src/version_stamp.rs): the same
// address as the page's preload, so the file is fetched once and kept.
import init from '/assets/ovaal_web.js?v=OVAAL_BUILD';

// Keeps the page's own files for a reload while the server is down (sw.js).
// Browsers allow it on https and on localhost only; elsewhere the page works
// without it. Registered once the page has loaded and the main thread is idle, so
// that installing it (which fetches the client's files again) does not compete
// with the first draw of the board.
const register = () => navigator.serviceWorker.register('/sw.js').catch(() => {});
const whenIdle = () => {
  if ('requestIdleCallback' in window) {
    requestIdleCallback(register, { timeout: 2000 });
  } else {
    register();
  }
};
if ('serviceWorker' in navigator) {
  if (document.readyState === 'complete') {
    whenIdle();
  } else {
    window.addEventListener('load', whenIdle, { once: true });
  }
}

init({ module_or_path: '/assets/ovaal_web_bg.wasm?v=OVAAL_BUILD' });
