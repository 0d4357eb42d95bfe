//! `GET /api/join/{code}`: where a join code typed from the room screen leads. Wrong
//! codes are counted per client and for everyone (`gate/join_limit.rs`), so that the short
//! codes cannot be found by guessing; in a cluster also for all nodes together
//! (`cluster/shared_limit.rs`).

use std::time::Instant;

use axum::Json;
use axum::extract::State;

use super::path::Path;

use super::client_ip::ClientIp;
use crate::error::AppError;
use crate::session::join_code::look_up;
use crate::state::AppState;
use crate::tokens;
use ovaal_shared::http_api::JoinTarget;

pub async fn join(
    State(state): State<AppState>,
    ClientIp(client): ClientIp,
    Path(raw_code): Path<String>,
) -> Result<Json<JoinTarget>, AppError> {
    // Something that is not shaped like a code cannot be a guess: no allowance spent.
    let code = tokens::normalize_join_code(&raw_code).ok_or(AppError::UnknownJoinCode)?;
    // Counted before the store is asked, so that a limited client learns nothing,
    // not even that a code was right.
    let attempt = state
        .join_limiter()
        .try_begin(client, Instant::now())
        .map_err(|limited| AppError::TooManyAttempts {
            retry_after_s: limited.retry_after_s(),
        })?;
    let shared = state.shared_join_limiter();
    if let Some(shared) = shared
        && let Err(limited) = shared.try_take(client).await
    {
        // Counted by the cluster; this node's own count need not hold it too.
        attempt.succeeded(Instant::now());
        return Err(AppError::TooManyAttempts {
            retry_after_s: limited.retry_after_s(),
        });
    }
    let target = look_up(&state, code).await?;
    attempt.succeeded(Instant::now());
    if let Some(shared) = shared {
        shared.give_back(client).await;
    }
    Ok(Json(target))
}
