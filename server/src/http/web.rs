//! Serves the built browser client: `index.html` for every page address (the client
//! reads the address itself), the files under `assets/`, gzip-compressed when the
//! build produced `.gz` copies and the browser accepts them, and the service worker
//! at `/sw.js` (a worker's scope is the folder it is served from: at the root it
//! covers every page).

use axum::extract::State;
use axum::http::header;
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

pub fn assets(state: &AppState) -> ServeDir {
    ServeDir::new(state.config().web_dir.join("assets")).precompressed_gzip()
}

pub async fn not_found() -> AppError {
    AppError::NotFound
}

pub async fn method_not_allowed() -> AppError {
    AppError::MethodNotAllowed
}
