//! The HTTP side: JSON API, health check, the web client's files, the export and
//! import routes (`export.rs`, `export_attendance.rs`, `export_caseholder.rs`), and
//! the WebSocket upgrade. Routes are listed in one place, [`router`].
//!
//! A handler reads the request, checks who is asking (`auth.rs`: the link's token;
//! `create_guard.rs`: who may make a session, and how often) and calls the session
//! service (`crate::session`) or the export; it holds no session logic of its own.

mod arc;
mod auth;
mod body;
mod client_ip;
mod create_guard;
mod export;
mod export_attendance;
mod export_caseholder;
mod headers;
mod health;
mod join;
mod json_errors;
mod lifecycle;
mod links;
mod participants;
mod path;
mod sessions;

mod web;

use axum::Router;
use axum::middleware;
use axum::routing::{delete, get, post};

use crate::state::AppState;
use ovaal_shared::http_api::paths;

/// The path parameter every session route names: the same paths the browser calls
/// (`ovaal_shared::http_api::paths`), with axum's placeholder for the id.
const ID: &str = "{id}";

pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/healthz", get(health::healthz))
        .route(paths::SESSIONS, post(sessions::create))
        .route(
            &paths::session(ID),
            get(sessions::show).delete(lifecycle::delete),
        )
        .route(&paths::end(ID), post(lifecycle::end))
        .route(&paths::next(ID), post(arc::next))
        .route(&paths::arc(ID), get(arc::list))
        .route(&paths::socket(ID), get(crate::ws::upgrade))
        .route(&paths::links(ID), get(links::list).post(links::create))
        .route(&paths::link(ID, "{link}"), delete(links::revoke))
        .route(
            &paths::participant(ID, "{participant}"),
            delete(participants::remove),
        )
        .route(&paths::join("{code}"), get(join::join))
        .merge(export::routes())
        .merge(crate::metrics::http::on_main_listener(&state))
        .route("/", get(web::index))
        .route(&paths::board(ID), get(web::index))
        .route("/sw.js", get(web::service_worker))
        .nest_service("/assets", web::assets(&state))
        .fallback(web::not_found)
        // After every route: it applies to the routes present.
        .method_not_allowed_fallback(web::method_not_allowed)
        .layer(middleware::map_response(json_errors::json_errors))
        .layer(middleware::from_fn(headers::security_headers))
        .with_state(state)
}
