//! Headers every response carries. Sessions hold confidential content and their
//! answers carry tokens, so the browser is told to run only our own script, never to
//! frame the pages, never to guess a content type, never to tell other sites where
//! people came from, and never to keep an API answer.

use axum::extract::Request;
use axum::http::HeaderValue;
use axum::http::header::{
    CACHE_CONTROL, CONTENT_SECURITY_POLICY, REFERRER_POLICY, X_CONTENT_TYPE_OPTIONS,
    X_FRAME_OPTIONS,
};
use axum::middleware::Next;
use axum::response::Response;

/// The Content-Security-Policy of every page and file. What the client needs, and no
/// more:
/// - `script-src 'self' 'wasm-unsafe-eval'`: the client's own module scripts
///   (`/assets/boot.js`, the wasm-bindgen glue), and compiling its WebAssembly, which
///   browsers count as eval. No inline script: `index.html` has none.
/// - `style-src 'self'`: `/assets/style.css`. Positions set while dragging go through
///   the CSSOM (`element.style`), which a policy does not govern; the client never
///   writes a `style` attribute.
/// - `img-src 'self'`: the icon is `/assets/icon.svg`; the room screen's QR code is
///   inline SVG, which is part of the document, not an image load.
/// - `connect-src 'self'`: the API, and the sync WebSocket (CSP 3 lets `'self'` match
///   `ws:`/`wss:` on the page's own host).
/// - `worker-src 'self'`: the service worker at `/sw.js`.
///
/// Downloads of the harvest are `blob:` links the person clicks; no directive governs
/// a download. Responses that set a policy of their own (an exported SVG) keep it.
pub const CONTENT_SECURITY_POLICY_VALUE: &str = "default-src 'self'; \
     script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self'; \
     connect-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'none'; \
     frame-ancestors 'none'; form-action 'self'";

pub async fn security_headers(request: Request, next: Next) -> Response {
    let api = request.uri().path().starts_with("/api/");
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers
        .entry(CONTENT_SECURITY_POLICY)
        .or_insert(HeaderValue::from_static(CONTENT_SECURITY_POLICY_VALUE));
    headers.insert(X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    if api {
        // Answers carry tokens (new links) and confidential content (exports): no
        // browser or proxy cache may keep them.
        headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}
