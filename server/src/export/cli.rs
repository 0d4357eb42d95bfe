//! `ovaal export <session-id> --format md --out harvest.md [--data-dir DIR |
//! --database-url postgres://…]`: the harvest straight from the store, whether the
//! server (or any node of a cluster) is running or not.
//! Whoever can read the data directory sees everything, so the export is the
//! facilitator's: with the attendance record. `--out` naming a directory writes the
//! file there under the name the server's download would have
//! (`oogst-2026-12-06-intervisie-team-noord.pdf`).
//!
//! SQLite in WAL mode lets this process read while the server writes; opening the
//! store only creates tables that do not exist yet (none, in a server's store), and a
//! missing store is an error here rather than a new empty one. PostgreSQL is read
//! through the same `Storage` trait the nodes use.

use std::io::Write;
use std::path::PathBuf;

use super::{Download, Format, Lang, attendance, harvest, harvest_file_name, render, zone_for};
use crate::clock::now_ms;
use crate::config::DatabaseUrl;
use crate::storage::postgres::PostgresStorage;
use crate::storage::sqlite::{DB_FILE, SqliteStorage};
use crate::storage::{Storage, StorageError};
use ovaal_shared::SessionId;

#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// The session's id (in its links: /s/<id>#token=…). Ids may start with `-`
    /// (their alphabet has it), so a leading hyphen is not read as a flag.
    #[arg(allow_hyphen_values = true)]
    pub session: String,
    /// json, md, csv, svg, png or pdf [default: from --out's extension, else json]
    #[arg(long, short)]
    pub format: Option<String>,
    /// The file to write, or a directory to write it into under its download name;
    /// `-` or absent: standard output.
    #[arg(long, short)]
    pub out: Option<PathBuf>,
    /// The server's data directory.
    #[arg(long, env = "OVAAL_DATA_DIR", default_value = "./data")]
    pub data_dir: PathBuf,
    /// Read from PostgreSQL instead of the data directory:
    /// postgres://user:password@host:port/dbname (as the nodes' --database-url).
    #[arg(long, env = "OVAAL_DATABASE_URL")]
    pub database_url: Option<DatabaseUrl>,
    /// Language of the report and the picture: en or nl.
    #[arg(long, default_value = "en")]
    pub lang: String,
    /// Time zone of the attendance times and the file name's date: a name
    /// (Europe/Amsterdam) or an offset (+01:00) [default: the session's; else
    /// Europe/Amsterdam in Dutch, UTC in English].
    #[arg(long)]
    pub tz: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error(transparent)]
    Format(#[from] super::UnknownFormat),
    #[error(transparent)]
    Zone(#[from] crate::time_zone::ZoneError),
    #[error("there is no Ovaal store in {0} (expected {1}); pass the server's --data-dir")]
    NoStore(String, String),
    #[error("there is no session {0:?} in {1}")]
    UnknownSession(String, String),
    #[error("cannot read the store: {0}")]
    Storage(#[from] StorageError),
    #[error("cannot make the export: {0}")]
    Export(#[from] super::ExportError),
    #[error("cannot write {0}: {1}")]
    Write(String, std::io::Error),
}

/// The format asked for, else the one `--out` ends in, else JSON.
fn format_of(args: &ExportArgs) -> Result<Format, CliError> {
    if let Some(f) = &args.format {
        return Ok(f.parse()?);
    }
    let from_out = args
        .out
        .as_ref()
        .and_then(|p| p.extension())
        .and_then(|e| e.to_str())
        .and_then(|e| e.parse().ok());
    Ok(from_out.unwrap_or(Format::Json))
}

/// The store to read: PostgreSQL when a database is named, else the data directory's
/// SQLite file (which must exist). Also what to call it in messages.
fn open_store(args: &ExportArgs) -> Result<(Box<dyn Storage>, String), CliError> {
    if let Some(url) = &args.database_url {
        return Ok((Box::new(PostgresStorage::open(url)?), url.describe()));
    }
    let dir = args.data_dir.display().to_string();
    let db = args.data_dir.join(DB_FILE);
    if !db.is_file() {
        return Err(CliError::NoStore(dir, db.display().to_string()));
    }
    Ok((Box::new(SqliteStorage::open(&args.data_dir)?), dir))
}

/// Blocking (either store's client); the binary calls it on a blocking thread.
pub fn run(args: ExportArgs) -> Result<(), CliError> {
    let format = format_of(&args)?;
    let (mut store, dir) = open_store(&args)?;
    let unknown = || CliError::UnknownSession(args.session.clone(), dir.clone());
    let id: SessionId = args.session.parse().map_err(|_| unknown())?;
    let record = store.session(&id)?.ok_or_else(unknown)?;
    let docs = store.load(&id)?;
    let visits = store.attendance(&id)?;
    drop(store);
    let lang = Lang::from_tag(&args.lang);
    let asked = args.tz.as_deref().map(str::parse).transpose()?;
    let zone = zone_for(asked, record.time_zone, lang);
    let mut harvest = harvest::build(&record, docs, now_ms())?;
    attendance::attach(&mut harvest, &visits, zone);
    let bytes = render(&harvest, format, lang)?;
    match &args.out {
        Some(path) if path.as_os_str() != "-" => {
            let path = if path.is_dir() {
                path.join(harvest_file_name(
                    Download::Harvest,
                    lang,
                    &harvest,
                    zone,
                    format.ext(),
                ))
            } else {
                path.clone()
            };
            std::fs::write(&path, &bytes)
                .map_err(|e| CliError::Write(path.display().to_string(), e))
        }
        _ => {
            let mut stdout = std::io::stdout().lock();
            stdout
                .write_all(&bytes)
                .and_then(|()| stdout.flush())
                .map_err(|e| CliError::Write("standard output".into(), e))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[derive(Parser)]
    struct Export {
        #[command(flatten)]
        args: ExportArgs,
    }

    #[test]
    fn a_session_id_starting_with_a_hyphen_is_an_id_not_a_flag() {
        let parsed = Export::try_parse_from(["export", "-vAbcdefgh12", "--format", "md"])
            .expect("the id is taken as the session");
        assert_eq!(parsed.args.session, "-vAbcdefgh12");
        assert_eq!(parsed.args.format.as_deref(), Some("md"));
    }
}
