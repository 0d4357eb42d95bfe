//! `GET /api/sessions/{id}/attendance.csv[?lang=nl][&tz=Europe/Amsterdam]`: the
//! attendance record as its own CSV, for the facilitator only — participants and
//! observers never see when others came and went.

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
use crate::export::guarded::{build_harvest, task_failure};
use crate::export::{Download, attendance, harvest_file_name};
use crate::session::existing;
use crate::state::AppState;
use ovaal_shared::http_api::paths;

pub fn routes() -> Router<AppState> {
    Router::new().route(&paths::attendance("{id}"), get(attendance_csv))
}

async fn attendance_csv(
    State(state): State<AppState>,
    Path(raw_id): Path<String>,
    Query(query): Query<ExportQuery>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let session = existing(&state, &raw_id).await?;
    auth::facilitator(&state, &session.id, &headers).await?;
    let lang = query.lang();
    let zone = query.zone(&session)?;
    let visits = state.store().attendance(&session.id).await?;
    // The board gives the names.
    let docs = stored_docs(&state, &session).await?;
    let quarantine = state.quarantine().clone();
    let id = session.id.clone();
    let (name, bytes) = tokio::task::spawn_blocking(move || {
        let mut harvest = build_harvest(&quarantine, &session, docs, now_ms())?;
        attendance::attach(&mut harvest, &visits, zone);
        let name = harvest_file_name(Download::Attendance, lang, &harvest, zone, "csv");
        Ok::<_, AppError>((name, attendance::csv(&harvest, lang).into_bytes()))
    })
    .await
    .map_err(|e| task_failure(&id, e))??;
    tracing::info!(session = %raw_id, bytes = bytes.len(), "attendance exported");
    Ok(attachment(
        crate::export::Format::Csv.content_type(),
        &name,
        bytes,
    ))
}
