//! The export and import routes.
//!
//! - `GET /api/sessions/{id}/export.{json,md,csv,svg,png,pdf}[?lang=nl]` with the
//!   facilitator's token. Participants may download too when the facilitator allowed it
//!   (`participants_export`), except the JSON while names are hidden (it names every
//!   card's author); observers never.
//! - `POST /api/sessions/import` with a JSON export: a new session with new links.
//!
//! Every download is named by [`crate::export::file_name`] in the export's language; the
//! facilitator's report and JSON carry the attendance record (`?tz=` sets the zone its
//! times are shown in). The attendance CSV and the case-holder's own harvest have
//! their routes in [`super::export_attendance`] and [`super::export_caseholder`].

use axum::Json;
use axum::Router;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{DefaultBodyLimit, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde::Deserialize;

use super::auth;
use super::create_guard::Creator;
use super::path::Path;
use crate::clock::now_ms;
use crate::error::AppError;
use crate::export::guarded::{build_harvest, storage_failure, task_failure};
use crate::export::import::{self, ImportError};
use crate::export::{
    Download, Format, Harvest, Lang, attendance, harvest_file_name, render, zone_for,
};
use crate::session::create::{NewSession, store_session};
use crate::session::existing;
use crate::state::AppState;
use crate::storage::SessionRecord;
use crate::time_zone::TimeZone;
use ovaal_shared::Role;
use ovaal_shared::export_format::ExportSettings;
use ovaal_shared::http_api::{CreatedSession, paths};

/// The routes, merged into the server's router.
pub fn routes() -> Router<AppState> {
    let mut router = Router::new().route(
        paths::IMPORT,
        post(import_session).layer(DefaultBodyLimit::max(import::MAX_BODY_BYTES)),
    );
    for format in Format::ALL {
        router = router.route(
            &paths::export("{id}", format),
            get(move |state, path, query, headers| export(state, path, query, headers, format)),
        );
    }
    router
        .merge(super::export_attendance::routes())
        .merge(super::export_caseholder::routes())
}

#[derive(Deserialize)]
pub struct ExportQuery {
    /// `nl` for Dutch; English otherwise.
    lang: Option<String>,
    /// The zone times are shown in: `Europe/Amsterdam` or `+01:00`; default the
    /// session's (`crate::export::zone_for`).
    tz: Option<String>,
}

impl ExportQuery {
    pub fn lang(&self) -> Lang {
        self.lang.as_deref().map(Lang::from_tag).unwrap_or_default()
    }

    /// The zone for this session's times in this language.
    pub fn zone(&self, session: &SessionRecord) -> Result<TimeZone, AppError> {
        let asked = self.tz.as_deref().map(str::parse).transpose()?;
        Ok(zone_for(asked, session.time_zone, self.lang()))
    }
}

/// The answer carrying a download: its type, its name, and headers that keep it out
/// of caches and stop a browser from running it.
pub fn attachment(content_type: &'static str, name: &str, bytes: Vec<u8>) -> Response {
    let disposition = HeaderValue::from_str(&format!("attachment; filename=\"{name}\""))
        .unwrap_or_else(|_| HeaderValue::from_static("attachment"));
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(content_type)),
            (header::CONTENT_DISPOSITION, disposition),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
            (
                header::X_CONTENT_TYPE_OPTIONS,
                HeaderValue::from_static("nosniff"),
            ),
            (
                header::CONTENT_SECURITY_POLICY,
                HeaderValue::from_static("default-src 'none'; style-src 'unsafe-inline'"),
            ),
        ],
        bytes,
    )
        .into_response()
}

/// A session's stored documents, checked against the quarantine, ready for
/// [`build_harvest`] off the async threads.
pub async fn stored_docs(
    state: &AppState,
    session: &SessionRecord,
) -> Result<Vec<(ovaal_shared::DocName, crate::storage::StoredDoc)>, AppError> {
    let quarantine = state.quarantine();
    if quarantine.damage(&session.id).is_some() {
        return Err(AppError::SessionDamaged);
    }
    (state.store().load(&session.id).await).map_err(|e| storage_failure(quarantine, &session.id, e))
}

/// Whether this caller may download this format of this board (the rule the page's
/// buttons follow, [`Format::may_download`]).
fn may_export(role: Role, harvest: &Harvest, format: Format) -> Result<(), AppError> {
    let settings = ExportSettings {
        participants_export: harvest.facilitation.participants_export,
        hide_names: harvest.facilitation.hide_names,
    };
    if format.may_download(role, settings) {
        Ok(())
    } else {
        Err(AppError::FacilitatorOnly)
    }
}

async fn export(
    State(state): State<AppState>,
    Path(raw_id): Path<String>,
    Query(query): Query<ExportQuery>,
    headers: HeaderMap,
    format: Format,
) -> Result<Response, AppError> {
    let session = existing(&state, &raw_id).await?;
    let caller = auth::caller(&state, &session.id, &headers).await?;
    if !caller.role.writes() {
        // Observers and room screens: never allowed, whatever the board says, so
        // there is no need to read it.
        return Err(AppError::FacilitatorOnly);
    }
    let lang = query.lang();
    let zone = query.zone(&session)?;
    let docs = stored_docs(&state, &session).await?;
    // Only the facilitator sees when others came and went.
    let visits = if caller.role == Role::Facilitator {
        Some(state.store().attendance(&session.id).await?)
    } else {
        None
    };
    let quarantine = state.quarantine().clone();
    let id = session.id.clone();
    let rendered = tokio::task::spawn_blocking(move || {
        let mut harvest = build_harvest(&quarantine, &session, docs, now_ms())?;
        may_export(caller.role, &harvest, format)?;
        if let Some(visits) = &visits {
            attendance::attach(&mut harvest, visits, zone);
        }
        let bytes = render(&harvest, format, lang)?;
        let name = harvest_file_name(Download::Harvest, lang, &harvest, zone, format.ext());
        Ok::<_, AppError>((name, bytes))
    })
    .await
    .map_err(|e| task_failure(&id, e))?;
    let (name, bytes) = rendered?;
    tracing::info!(session = %raw_id, %format, bytes = bytes.len(), "harvest exported");
    Ok(attachment(format.content_type(), &name, bytes))
}

impl From<ImportError> for AppError {
    fn from(e: ImportError) -> Self {
        match e {
            ImportError::Malformed(m) => AppError::BadRequest(m),
            ImportError::Invalid(m) => AppError::InvalidImport(m),
        }
    }
}

/// `POST /api/sessions/import`: a new session whose board equals the export's.
async fn import_session(
    State(state): State<AppState>,
    _creator: Creator,
    body: Result<Bytes, BytesRejection>,
) -> Result<(StatusCode, Json<CreatedSession>), AppError> {
    let body = body.map_err(|e| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            AppError::TooLarge(format!(
                "an import is at most {} MiB",
                import::MAX_BODY_BYTES >> 20
            ))
        } else {
            AppError::BadRequest(format!("could not read the request body: {e}"))
        }
    })?;
    let (harvest, docs) = tokio::task::spawn_blocking(move || {
        let harvest = import::parse(&body)?;
        crate::export::validate::validate(&harvest)?;
        let docs = import::documents(&harvest)?;
        Ok::<_, ImportError>((harvest, docs))
    })
    .await
    .map_err(|e| AppError::BadRequest(format!("the import could not be read: {e}")))??;

    let created = store_session(
        &state,
        NewSession {
            title: harvest.session.title.trim().to_owned(),
            method: harvest.session.method,
            // The harvest's date is the session's, not the import's; an imported
            // session starts open, whatever became of the original.
            created_ms: harvest.session.created_ms,
            time_zone: None,
            documents: docs,
        },
    )
    .await?;
    tracing::info!(session = %created.id, "session imported");
    Ok((StatusCode::CREATED, Json(created)))
}
