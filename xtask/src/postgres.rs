//! PostgreSQL for the storage tests: the tests start their own throwaway cluster
//! (`tests/src/postgres.rs`) and need only its programs, which Debian's `postgresql`
//! package puts in `/usr/lib/postgresql/<version>/bin`. Installed when missing, as
//! Chromium is; under CI=true the tests fail rather than skip without it.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use crate::apt;
use crate::shell::announce;

/// The directory of `initdb`, `pg_ctl`, `createdb` and `psql`, installing Debian's `postgresql` first
/// when there is none.
pub fn ensure_postgres() -> Result<PathBuf> {
    if let Some(dir) = find_bin() {
        announce(&format!("PostgreSQL is installed: {}", dir.display()));
        return Ok(dir);
    }
    announce("PostgreSQL is missing: installing Debian's postgresql for the storage tests");
    apt::install("Installing PostgreSQL", &["postgresql"]).context(
        "could not install PostgreSQL. Install the Debian package `postgresql` and retry",
    )?;
    find_bin().context("apt-get reported success but no initdb was found")
}

/// Where the tests will look (the same order as `tests/src/postgres.rs`).
fn find_bin() -> Option<PathBuf> {
    // All four, as the tests use them: a PATH directory with only `initdb` and
    // `pg_ctl` linked in is not enough.
    let has = |dir: &Path| {
        ["initdb", "pg_ctl", "createdb", "psql"]
            .iter()
            .all(|b| dir.join(b).is_file())
    };
    if let Some(dir) = std::env::var_os("OVAAL_PG_BIN").map(PathBuf::from) {
        return has(&dir).then_some(dir);
    }
    if let Some(path) = std::env::var_os("PATH")
        && let Some(dir) = std::env::split_paths(&path).find(|d| has(d))
    {
        return Some(dir);
    }
    let mut versions: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(|e| {
            let e = e.ok()?;
            Some((e.file_name().to_str()?.parse().ok()?, e.path().join("bin")))
        })
        .filter(|(_, dir)| has(dir))
        .collect();
    versions.sort();
    versions.pop().map(|(_, dir)| dir)
}
