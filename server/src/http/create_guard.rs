//! Extractors for the routes that make a session, so that a handler's signature says
//! that it is counted (and, for anyone without a session yet, needs the creation
//! secret when the server has one). They run before the body is read: a refused
//! import costs no 16 MiB upload.

use std::time::Instant;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;

use super::client_ip::ClientIp;
use crate::error::AppError;
use crate::state::AppState;

/// Counted against the creation limits (`gate/create_limit.rs`): `POST
/// /api/sessions/{id}/next`, whose caller is already the earlier session's facilitator.
pub struct CountedCreation;

impl FromRequestParts<AppState> for CountedCreation {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let Ok(ClientIp(client)) = ClientIp::from_request_parts(parts, state).await;
        // Dropped at once: a session made keeps its tokens spent.
        let _counted = state
            .create_limiter()
            .try_begin(client, Instant::now())
            .map_err(|limited| AppError::TooManySessions {
                retry_after_s: limited.retry_after_s(),
            })?;
        Ok(Self)
    }
}

/// Counted like [`CountedCreation`], and carrying the creation secret when the server
/// has one (`--create-token`): `POST /api/sessions` and `POST /api/sessions/import`.
/// Counted first, so that guessing the secret is slowed down too.
pub struct Creator;

impl FromRequestParts<AppState> for Creator {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        CountedCreation::from_request_parts(parts, state).await?;
        if let Some(token) = &state.config().create_token {
            token.check(&parts.headers)?;
        }
        Ok(Self)
    }
}
