//! The arc of sessions: the next session made from an earlier one (its themes, actions
//! and chosen cards carried over by `carry.rs`, with new links), and the arc's list.

use yrs::{ReadTxn, StateVector, Transact};

use super::carry::{Choice, carry_over};
use super::create::make_session;
use crate::error::AppError;
use crate::state::AppState;
use crate::storage::{SessionRecord, compact};
use ovaal_shared::DocName;
use ovaal_shared::SessionId;
use ovaal_shared::board::arc::next_method;
use ovaal_shared::board::carried::add_carried;
use ovaal_shared::board::{SessionSettings, control, new_doc};
use ovaal_shared::http_api::{ArcEntry, CreatedSession, NextSessionRequest};

/// Makes the next session of `earlier`'s arc: the method asked for (or the arc's next
/// one), the same seats and time zone, and the cards carried over.
pub async fn next(
    state: &AppState,
    earlier: &SessionRecord,
    request: NextSessionRequest,
) -> Result<CreatedSession, AppError> {
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
    let created = make_session(state, settings, earlier.time_zone, documents).await?;
    state.store().set_previous(&created.id, &earlier.id).await?;
    tracing::info!(session = %created.id, previous = %earlier.id, cards = carried.len(), "next session of the arc");
    Ok(created)
}

/// The sessions of a session's arc, oldest first, ending with this one.
pub async fn list(state: &AppState, id: &SessionId) -> Result<Vec<ArcEntry>, AppError> {
    let arc = state.store().arc(id).await?;
    Ok(arc
        .into_iter()
        .map(|s| ArcEntry {
            id: s.id,
            title: s.title,
            method: s.method,
            created_ms: s.created_ms,
            ended_ms: s.ended_ms,
        })
        .collect())
}
