//! `ovaal backup <file>`: a consistent copy of the store, also while the server runs.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags, params};

use super::DB_FILE;

#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error("there is no store at {0} (is --data-dir right?)")]
    NoStore(PathBuf),
    #[error("{0} already exists; choose a new file name")]
    TargetExists(PathBuf),
    #[error("the backup failed: {0}")]
    Database(#[from] rusqlite::Error),
}

/// Writes a copy of the store in `data_dir` to `target` and returns its size in bytes.
/// SQLite's `VACUUM INTO` reads one consistent snapshot (WAL mode lets the running
/// server go on writing meanwhile) and writes a compact, standalone database.
pub fn backup(data_dir: &Path, target: &Path) -> Result<u64, BackupError> {
    let source = data_dir.join(DB_FILE);
    if !source.exists() {
        return Err(BackupError::NoStore(source));
    }
    if target.exists() {
        return Err(BackupError::TargetExists(target.to_path_buf()));
    }
    let conn = Connection::open_with_flags(&source, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    conn.busy_timeout(std::time::Duration::from_secs(10))?;
    conn.execute("VACUUM INTO ?1", params![target.to_string_lossy()])?;
    Ok(std::fs::metadata(target).map(|m| m.len()).unwrap_or(0))
}
