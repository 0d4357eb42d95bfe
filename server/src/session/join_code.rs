//! Where a join code typed from the room screen leads: the participant link it stands
//! for. Counting wrong codes is the caller's (`http/join.rs`, with `gate/`).

use super::create::link;
use crate::error::AppError;
use crate::state::AppState;
use crate::tokens;
use ovaal_shared::Role;
use ovaal_shared::http_api::JoinTarget;

/// The session and participant link of a (normalised) join code, or `UnknownJoinCode`.
pub async fn look_up(state: &AppState, code: String) -> Result<JoinTarget, AppError> {
    let (id, found) = state
        .store()
        .link_for_token(tokens::hash_secret(&code))
        .await?
        .ok_or(AppError::UnknownJoinCode)?;
    if found.role != Role::Participant {
        return Err(AppError::UnknownJoinCode);
    }
    let session = state
        .store()
        .session(&id)
        .await?
        .ok_or(AppError::UnknownJoinCode)?;
    Ok(JoinTarget {
        link: link(state.base_url(), &id, &code),
        id,
        title: session.title,
    })
}
