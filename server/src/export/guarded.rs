//! An export's failures kept to its session. Exports run off the async runtime
//! (`spawn_blocking`); reading the stored documents runs under a panic guard, and a
//! panic anywhere else in the task comes back as the task's `JoinError`. Neither takes
//! the server down, and each answers a JSON error:
//!
//! - documents that cannot be read, or `yrs` panicking on them: the session is
//!   quarantined and the answer is `session_damaged`;
//! - a panic while rendering (a fault of the renderer, not of the session's data): the
//!   export fails with `internal`, and the session stays open.

use tokio::task::JoinError;

use super::{ExportError, Harvest, harvest};
use crate::error::AppError;
use crate::storage::quarantine::{Damage, Quarantine, Stage};
use crate::storage::{SessionRecord, StorageError, StoredDoc, guard};
use ovaal_shared::{DocName, SessionId};

/// The harvest of a session, or `SessionDamaged` (and the session quarantined) if its
/// documents cannot be read back.
pub fn build_harvest(
    quarantine: &Quarantine,
    record: &SessionRecord,
    docs: Vec<(DocName, StoredDoc)>,
    exported_ms: i64,
) -> Result<Harvest, AppError> {
    match guard::catching(|| harvest::build(record, docs, exported_ms)) {
        Ok(Ok(harvest)) => Ok(harvest),
        Ok(Err(e)) => Err(storage_failure(quarantine, &record.id, e)),
        Err(panic) => {
            quarantine.isolate(&record.id, Damage::Panicked(Stage::Export), &panic);
            Err(AppError::SessionDamaged)
        }
    }
}

/// A failure to read a session's documents: `SessionDamaged` if it is about their
/// data (the session is quarantined), the storage error otherwise.
pub fn storage_failure(quarantine: &Quarantine, session: &SessionId, e: StorageError) -> AppError {
    if quarantine.isolate_if_damaged(session, &e, Stage::Export) {
        AppError::SessionDamaged
    } else {
        AppError::Storage(e)
    }
}

/// The export task did not finish: it panicked while rendering, or was cancelled.
pub fn task_failure(session: &SessionId, e: JoinError) -> AppError {
    let what = if e.is_panic() {
        format!("panicked: {}", guard::message(e.into_panic().as_ref()))
    } else {
        e.to_string()
    };
    tracing::error!(%session, error = %what, "export task failed");
    AppError::Export(ExportError::Task(what))
}
