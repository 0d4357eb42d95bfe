//! Serves the built browser client: `index.html` for every page address (the client
//! reads the address itself), the files under `assets/`, gzip-compressed when the
//! build produced `.gz` copies and the browser accepts them, and kept by browsers
//! for good when asked for with the build's version ([`cache_rule`]), and the
//! service worker at `/sw.js` (a worker's scope is the folder it is served from: at
//! the root it covers every page).

use std::sync::Arc;

use axum::Router;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{Html, IntoResponse, Response};
use tower_http::services::ServeDir;

use crate::error::AppError;
use crate::state::AppState;

pub async fn index(State(state): State<AppState>) -> Result<Response, AppError> {
    let path = state.config().web_dir.join("index.html");
    match tokio::fs::read_to_string(&path).await {
        Ok(html) => Ok(([(header::CACHE_CONTROL, "no-cache")], Html(html)).into_response()),
        Err(_) => Err(AppError::ClientNotBuilt),
    }
}

pub async fn service_worker(State(state): State<AppState>) -> Result<Response, AppError> {
    let path = state.config().web_dir.join("assets").join("sw.js");
    match tokio::fs::read(&path).await {
        Ok(script) => Ok((
            [
                (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
                // The browser checks for a new worker on every visit.
                (header::CACHE_CONTROL, "no-cache"),
            ],
            script,
        )
            .into_response()),
        Err(_) => Err(AppError::ClientNotBuilt),
    }
}

/// The client's files, with the cache rule of [`cache_rule`].
pub fn assets(state: &AppState) -> Router {
    let web_dir = &state.config().web_dir;
    let version = build_version(web_dir);
    Router::new()
        .fallback_service(ServeDir::new(web_dir.join("assets")).precompressed_gzip())
        .layer(middleware::from_fn_with_state(version, cache_rule))
}

/// The build's version, which the build writes into every address of the client's
/// files (`?v=…`) and into `version` next to `index.html`; `None` for a client built
/// without one.
fn build_version(web_dir: &std::path::Path) -> Option<Arc<str>> {
    let version = std::fs::read_to_string(web_dir.join("version")).ok()?;
    let version = version.trim();
    (!version.is_empty()).then(|| Arc::from(version))
}

/// A file asked for with the version this server serves (`?v=…`) never changes under
/// that address, since a new build is a new version: browsers keep it for good and
/// do not ask again. Any other address (no version, or another build's) is checked
/// with the server at each use, so an old file is never taken for a new one.
async fn cache_rule(
    State(version): State<Option<Arc<str>>>,
    request: Request,
    next: Next,
) -> Response {
    let asked = request
        .uri()
        .query()
        .and_then(|query| query.split('&').find_map(|pair| pair.strip_prefix("v=")));
    let current = matches!((asked, version.as_deref()), (Some(a), Some(v)) if a == v);
    let mut response = next.run(request).await;
    let status = response.status();
    if status.is_success() || status == StatusCode::NOT_MODIFIED {
        let rule = if current {
            "public, max-age=31536000, immutable"
        } else {
            "no-cache"
        };
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static(rule));
    }
    response
}

pub async fn not_found() -> AppError {
    AppError::NotFound
}

pub async fn method_not_allowed() -> AppError {
    AppError::MethodNotAllowed
}
