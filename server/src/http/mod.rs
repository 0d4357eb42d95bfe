//! The HTTP side: JSON API, health check, the web client's files, and the WebSocket
//! upgrade. Routes are listed in one place, [`router`].

mod body;
mod health;
mod sessions;

pub use sessions::parse_session_id;
mod web;

use axum::Router;
use axum::routing::{get, post};

use crate::state::AppState;

pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/healthz", get(health::healthz))
        .route("/api/sessions", post(sessions::create))
        .route("/api/sessions/{id}", get(sessions::show))
        .route("/api/sessions/{id}/ws", get(crate::ws::upgrade))
        .route("/api/join/{code}", get(sessions::join))
        .route("/", get(web::index))
        .route("/s/{id}", get(web::index))
        .nest_service("/assets", web::assets(&state))
        .fallback(web::not_found)
        .with_state(state)
}
