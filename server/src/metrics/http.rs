//! `GET /metrics`: on the main listener, or, with `--metrics-bind`, only on a
//! listener of its own (a private address for the scraper; docs/security.md says
//! why either is safe to offer and when to choose which).

use axum::Router;
use axum::extract::State;
use axum::http::header::CONTENT_TYPE;
use axum::response::IntoResponse;
use axum::routing::get;

use super::exposition;
use crate::state::AppState;

pub async fn metrics(State(state): State<AppState>) -> impl IntoResponse {
    let text = state.metrics().render(state.live_figures());
    ([(CONTENT_TYPE, exposition::CONTENT_TYPE)], text)
}

/// The route on the main listener: present unless the figures have a listener of
/// their own.
pub fn on_main_listener(state: &AppState) -> Router<AppState> {
    match state.config().metrics_bind {
        None => Router::new().route("/metrics", get(metrics)),
        Some(_) => Router::new(),
    }
}

/// The whole application of the separate metrics listener: `/metrics` and nothing
/// else.
pub fn own_listener(state: AppState) -> Router {
    Router::new()
        .route("/metrics", get(metrics))
        .with_state(state)
}
