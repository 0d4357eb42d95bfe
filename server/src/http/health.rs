use axum::Json;
use axum::extract::State;
use serde_json::{Value, json};

use crate::state::AppState;

/// Liveness for load balancers and the run command: answers as soon as the server
/// accepts requests, with a few live figures.
pub async fn healthz(State(state): State<AppState>) -> Json<Value> {
    Json(json!({
        "status": "ok",
        "rooms": state.rooms().live_rooms(),
        "connections": state.connections().open(),
    }))
}
