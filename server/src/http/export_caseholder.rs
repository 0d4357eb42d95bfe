//! `GET /api/sessions/{id}/caseholder.{md,pdf}[?lang=nl]`: the case-holder's own
//! harvest ([`crate::export::caseholder`]), for the person in the hot seat — also while the
//! session runs — and for the facilitator.
//!
//! A participant link is shared by the whole group, so the token alone does not say
//! who is asking. The case-holder proves it as their page does on the WebSocket: with
//! their participant id and its key, in `X-Ovaal-Participant` and `X-Ovaal-Key`. The
//! id must be the one in the hot seat now, and the key the one bound to it.

use axum::Router;
use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::Response;
use axum::routing::get;

use super::auth;
use super::export::{ExportQuery, attachment, stored_docs};
use super::path::Path;
use crate::clock::now_ms;
use crate::error::AppError;
use crate::export::Format;
use crate::export::caseholder::{self, CaseholderFormat};
use crate::export::guarded::{build_harvest, task_failure};
use crate::export::{Download, harvest_file_name};
use crate::session::access::check_participant_key;
use crate::session::existing;
use crate::state::AppState;
use crate::storage::KeyCheck;
use ovaal_shared::http_api::caseholder::{KEY_HEADER, PARTICIPANT_HEADER};
use ovaal_shared::http_api::paths;
use ovaal_shared::{ParticipantId, Role};

pub fn routes() -> Router<AppState> {
    let mut router = Router::new();
    for format in Format::CASEHOLDER
        .into_iter()
        .filter_map(CaseholderFormat::of)
    {
        router = router.route(
            &paths::caseholder("{id}", format.format()),
            get(move |state, path, query, headers| download(state, path, query, headers, format)),
        );
    }
    router
}

/// Who is asking for the case-holder's harvest.
enum Asker {
    Facilitator,
    /// A participant presenting this id (its key already checked).
    Participant(ParticipantId),
}

fn header<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .filter(|v| !v.is_empty())
}

async fn download(
    State(state): State<AppState>,
    Path(raw_id): Path<String>,
    Query(query): Query<ExportQuery>,
    headers: HeaderMap,
    format: CaseholderFormat,
) -> Result<Response, AppError> {
    let session = existing(&state, &raw_id).await?;
    let caller = auth::caller(&state, &session.id, &headers).await?;
    let asker = match caller.role {
        Role::Facilitator => Asker::Facilitator,
        role if role.is_participant() => {
            let participant: ParticipantId = header(&headers, PARTICIPANT_HEADER)
                .and_then(|id| id.parse().ok())
                .ok_or(AppError::CaseholderOnly)?;
            Asker::Participant(participant)
        }
        _ => return Err(AppError::CaseholderOnly),
    };
    let lang = query.lang();
    let zone = query.zone(&session)?;
    let docs = stored_docs(&state, &session).await?;
    let quarantine = state.quarantine().clone();
    let id = session.id.clone();
    let record = session.clone();
    let harvest =
        tokio::task::spawn_blocking(move || build_harvest(&quarantine, &record, docs, now_ms()))
            .await
            .map_err(|e| task_failure(&id, e))??;
    let Some(hot_seat) = harvest.facilitation.hot_seat.clone() else {
        return Err(match asker {
            Asker::Facilitator => AppError::NoCaseholder,
            Asker::Participant(_) => AppError::CaseholderOnly,
        });
    };
    if let Asker::Participant(participant) = &asker {
        if *participant != hot_seat {
            return Err(AppError::CaseholderOnly);
        }
        // Only now, for the id in the hot seat, is the key checked: a first key
        // binds the id exactly as a first connection would (an imported session).
        let key = header(&headers, KEY_HEADER).ok_or(AppError::CaseholderOnly)?;
        if !ovaal_shared::protocol::Hello::valid_key(key) {
            return Err(AppError::CaseholderOnly);
        }
        let check = check_participant_key(&state, &session.id, participant, key).await?;
        if !matches!(check, KeyCheck::Bound | KeyCheck::Matches) {
            return Err(AppError::CaseholderOnly);
        }
    }
    let (name, bytes) = tokio::task::spawn_blocking(move || {
        let bytes = caseholder::render(&harvest, &hot_seat, format, lang)?;
        let name = harvest_file_name(
            Download::Caseholder,
            lang,
            &harvest,
            zone,
            format.format().ext(),
        );
        Ok::<_, AppError>((name, bytes))
    })
    .await
    .map_err(|e| task_failure(&session.id, e))??;
    tracing::info!(session = %raw_id, bytes = bytes.len(), "case-holder's harvest exported");
    Ok(attachment(format.format().content_type(), &name, bytes))
}
