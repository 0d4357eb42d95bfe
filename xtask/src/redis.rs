//! Redis for the cluster tests: the tests start their own throwaway `redis-server`
//! on a free port (`tests/src/redis.rs`) and need only the program, from Debian's
//! `redis-server` package. Installed when missing, as PostgreSQL is; the tests fail
//! rather than skip without it.

use std::path::PathBuf;

use anyhow::{Context, Result};

use crate::apt;
use crate::shell::announce;

/// The `redis-server` program, installing Debian's `redis-server` first when there is
/// none.
pub fn ensure_redis() -> Result<PathBuf> {
    if let Some(binary) = find_binary() {
        announce(&format!("Redis is installed: {}", binary.display()));
        return Ok(binary);
    }
    announce("Redis is missing: installing Debian's redis-server for the cluster tests");
    apt::install("Installing Redis", &["redis-server"])
        .context("could not install Redis. Install the Debian package `redis-server` and retry")?;
    find_binary().context("apt-get reported success but no redis-server was found")
}

/// Where the tests will look (the same order as `tests/src/redis.rs`).
fn find_binary() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("OVAAL_REDIS_SERVER").map(PathBuf::from) {
        return path.is_file().then_some(path);
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join("redis-server"))
        .find(|candidate| candidate.is_file())
}
