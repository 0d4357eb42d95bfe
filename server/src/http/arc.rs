//! The arc of sessions: start the next session from this one (its themes, actions
//! and chosen cards carried over, with new links), and list the arc.

use axum::Json;
use axum::extract::State;

use super::path::Path;
use axum::http::{HeaderMap, StatusCode};
use yrs::{ReadTxn, StateVector, Transact};

use super::auth;
use super::body::JsonBody;
use super::create_guard::CountedCreation;
use super::sessions::{existing, make_session};
use crate::carry::{Choice, carry_over};
use crate::error::AppError;
use crate::state::AppState;
use crate::storage::compact;
use ovaal_shared::DocName;
use ovaal_shared::board::arc::next_method;
use ovaal_shared::board::carried::add_carried;
use ovaal_shared::board::{SessionSettings, control, new_doc};
use ovaal_shared::http_api::{ArcEntry, CreatedSession, NextSessionRequest};

/// `POST /api/sessions/{id}/next` (facilitator of the earlier session).
pub async fn next(
    State(state): State<AppState>,
    _counted: CountedCreation,
    Path(raw_id): Path<String>,
    headers: HeaderMap,
    JsonBody(request): JsonBody<NextSessionRequest>,
) -> Result<(StatusCode, Json<CreatedSession>), AppError> {
    let earlier = existing(&state, &raw_id).await?;
    auth::facilitator(&state, &earlier.id, &headers).await?;
    let method = match &request.method {
        Some(m) => m.parse()?,
        None => next_method(earlier.method),
    };
    let mut docs = Vec::new();
    for (name, stored) in state.store().load(&earlier.id).await? {
        docs.push((name, compact::restore(&stored)?));
    }
    let seats = docs
        .iter()
        .find(|(name, _)| *name == DocName::Control)
        .and_then(|(_, d)| control::read_settings(d))
        .map_or(SessionSettings::DEFAULT_SEATS, |s| s.seats);
    let settings = SessionSettings::new(&request.title, method, seats)?;
    let choice = Choice {
        carry: request.carry.into_iter().collect(),
        leave: request.leave.into_iter().collect(),
    };
    let carried = carry_over(&earlier.id, &earlier.title, &docs, &choice);

    let carried_doc = new_doc();
    for card in &carried {
        add_carried(&carried_doc, card);
    }
    let update = carried_doc
        .transact()
        .encode_state_as_update_v1(&StateVector::default());
    // The group meets where it met before.
    let documents = vec![(DocName::Carried, update)];
    let created = make_session(&state, settings, earlier.time_zone, documents).await?;
    state.store().set_previous(&created.id, &earlier.id).await?;
    tracing::info!(session = %created.id, previous = %earlier.id, cards = carried.len(), "next session of the arc");
    Ok((StatusCode::CREATED, Json(created)))
}

/// `GET /api/sessions/{id}/arc` (any link of the session): the sessions of its arc,
/// oldest first, ending with this one.
pub async fn list(
    State(state): State<AppState>,
    Path(raw_id): Path<String>,
    headers: HeaderMap,
) -> Result<Json<Vec<ArcEntry>>, AppError> {
    let session = existing(&state, &raw_id).await?;
    auth::caller(&state, &session.id, &headers).await?;
    let arc = state.store().arc(&session.id).await?;
    Ok(Json(
        arc.into_iter()
            .map(|s| ArcEntry {
                id: s.id,
                title: s.title,
                method: s.method,
                created_ms: s.created_ms,
                ended_ms: s.ended_ms,
            })
            .collect(),
    ))
}
