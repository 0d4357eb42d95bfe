//! `ovaal copy --from DATA_DIR --to postgres://…`: moves an embedded SQLite store into
//! PostgreSQL, for a deployment that grows from one node to several. Everything is
//! copied — sessions, links (their hashes), participant keys, the document history as
//! stored (snapshots and updates), attendance — in one transaction, and only into a
//! database that holds none of these sessions yet.
//!
//! The source is opened as the server opens it (migrating an old store first), so
//! stop the server before copying: what it writes after its session was copied would
//! not be in the copy.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::StorageError;
use super::postgres::restore::RestoreError;
use super::postgres::{DatabaseUrl, PostgresStorage};
use super::sqlite::{DB_FILE, SqliteStorage};

#[derive(Debug, thiserror::Error)]
pub enum CopyError {
    #[error("there is no store at {0} (is --from right?)")]
    NoStore(PathBuf),
    #[error("cannot read the store to copy: {0}")]
    Source(StorageError),
    #[error("cannot reach or prepare the database: {0}")]
    Target(StorageError),
    #[error(transparent)]
    Restore(#[from] RestoreError),
}

/// Copies every session of the store in `from` into the database at `to`, writing a
/// line per session to `progress`. Returns how many were copied. Blocks.
pub fn copy(from: &Path, to: &DatabaseUrl, progress: &mut dyn Write) -> Result<usize, CopyError> {
    if !from.join(DB_FILE).exists() {
        return Err(CopyError::NoStore(from.join(DB_FILE)));
    }
    let mut source = SqliteStorage::open(from).map_err(CopyError::Source)?;
    let ids = source.session_ids().map_err(CopyError::Source)?;
    let mut target = PostgresStorage::open(to).map_err(CopyError::Target)?;
    let total = ids.len();
    // Progress lines are best effort: a closed terminal must not stop the copy.
    let _ = writeln!(
        progress,
        "{total} sessions to copy from {} to {}",
        from.display(),
        to.describe()
    );
    let copied = target.restore(
        &ids,
        |id| source.dump(id),
        |done, dump| {
            let _ = writeln!(
                progress,
                "[{done}/{total}] {} — {} updates, {} snapshots, {} links, {} visits",
                dump.record.id,
                dump.updates.len(),
                dump.snapshots.len(),
                dump.links.len(),
                dump.attendance.len()
            );
        },
    )?;
    Ok(copied)
}
