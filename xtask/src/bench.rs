//! `cargo xtask bench`: the figures in `docs/benchmarks.md`. Builds the release web
//! client (printing its download size) and the release server, then runs
//!
//! - `load`: the load benchmark `ovaal-bench` against the server as a separate process;
//! - `client`: `ovaal-client-bench`, the time until a board with 300 cards is
//!   interactive in headless Chromium.
//!
//! `cargo xtask bench` runs both; `cargo xtask bench load|client [-- args]` runs one,
//! with its own options after `--`.
//!
//! `cargo xtask bench cluster [-- args]` is the multi-node run: PostgreSQL and Redis
//! started as `cargo xtask cluster` starts them, and `ovaal-cluster-bench` with their
//! URLs, which starts the nodes and the load itself. It needs a server built with
//! `--redis-url` and says so otherwise.

use std::path::Path;

use anyhow::{Result, bail};

use crate::cluster::{Scratch, free_port};
use crate::pg_server::PgServer;
use crate::redis::RedisServer;
use crate::{chromium, postgres, redis, shell, toolchain, web};

/// Which benchmarks to run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Which {
    Both,
    Load,
    Client,
    Cluster,
}

impl Which {
    pub fn parse(name: &str) -> Result<Which> {
        Ok(match name {
            "load" => Which::Load,
            "client" => Which::Client,
            "cluster" => Which::Cluster,
            other => bail!("unknown benchmark `{other}`: `load`, `client` or `cluster`"),
        })
    }
}

pub fn bench(root: &Path, which: Which, bench_args: &[String]) -> Result<()> {
    if which == Which::Both && !bench_args.is_empty() {
        bail!(
            "name the benchmark the arguments are for: `cargo xtask bench load -- ...` or \
             `cargo xtask bench client -- ...`"
        );
    }
    let chromium = match which {
        Which::Cluster => return cluster(bench_args),
        Which::Load => None,
        Which::Both | Which::Client => Some(chromium::ensure_chromium()?),
    };
    shell::announce("Building the web client (its download size is printed below)");
    web::build_web(root, true)?;
    shell::run(
        "building the release server and the benchmark clients",
        shell::cargo().args([
            "build",
            "--release",
            "-p",
            "ovaal-server",
            "-p",
            "ovaal-tests",
            "--bin",
            "ovaal",
            "--bin",
            "ovaal-bench",
            "--bin",
            "ovaal-client-bench",
        ]),
    )?;
    // Where cargo put them (CARGO_TARGET_DIR is honoured).
    let release = toolchain::target_dir()?.join("release");
    let server = release.join("ovaal");
    if which != Which::Client {
        let mut command = std::process::Command::new(release.join("ovaal-bench"));
        command.arg("--server").arg(&server).args(bench_args);
        shell::run("running the load benchmark", &mut command)?;
    }
    if let Some(chromium) = chromium {
        let mut command = std::process::Command::new(release.join("ovaal-client-bench"));
        command
            .arg("--server")
            .arg(&server)
            .args(bench_args)
            .env("OVAAL_CHROMIUM", chromium)
            .env("OVAAL_WEB_DIST", root.join("web/dist"));
        shell::run(
            "running the client benchmark (300 cards in headless Chromium)",
            &mut command,
        )?;
    }
    Ok(())
}

/// The multi-node run: PostgreSQL and Redis here, the nodes and the load in
/// `ovaal-cluster-bench`.
fn cluster(bench_args: &[String]) -> Result<()> {
    let pg_bin = postgres::ensure_postgres()?;
    let redis_bin = redis::ensure_redis()?;
    shell::run(
        "building the release server and the multi-node benchmark",
        shell::cargo().args([
            "build",
            "--release",
            "-p",
            "ovaal-server",
            "-p",
            "ovaal-tests",
            "--bin",
            "ovaal",
            "--bin",
            "ovaal-cluster-bench",
        ]),
    )?;
    let release = toolchain::target_dir()?.join("release");
    let dir = Scratch::create()?;
    let postgres = PgServer::start(&pg_bin, &dir.0.join("postgresql"), free_port()?)?;
    let redis = RedisServer::start(&redis_bin, &dir.0.join("redis"), free_port()?)?;
    let mut command = std::process::Command::new(release.join("ovaal-cluster-bench"));
    command
        .arg("--server")
        .arg(release.join("ovaal"))
        .args(["--database-url", &postgres.url()])
        .args(["--redis-url", &redis.url()])
        .args(bench_args);
    let result = shell::run("running the multi-node load benchmark", &mut command);
    drop(redis);
    drop(postgres);
    drop(dir);
    result
}
