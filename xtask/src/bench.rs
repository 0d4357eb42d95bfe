//! `cargo xtask bench`: the figures in `docs/benchmarks.md`. Builds the release web
//! client (printing its download size) and the release server, then runs
//!
//! - `load`: the load benchmark `ovaal-bench` against the server as a separate process,
//!   and the same load against the y-websocket server (`@y/websocket-server`, pinned in
//!   `xtask/peer/package-lock.json`, installed with `npm ci`) and against the relay
//!   floor (the least a relay server must do) to compare with;
//! - `client`: `ovaal-client-bench`, the time until a board is interactive in
//!   headless Chromium and a key press moves a card on it: 300 cards scattered over a
//!   free board, and a real-size session (14 seats, 80 cards across the phases),
//!   each against the same cards as a static page from the same server (the floor);
//! - `cluster`: `ovaal-cluster-bench`, the load over several nodes on one PostgreSQL
//!   and one Redis (same-node and cross-node relay latency).
//!
//! `cargo xtask bench` runs the first two; `cargo xtask bench load|client|cluster
//! [-- args]` runs one, with its own options after `--`.

use std::path::Path;

use anyhow::{Result, bail};

use crate::{chromium, node, shell, toolchain, web};

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
    if which == Which::Cluster {
        return cluster(bench_args);
    }
    shell::announce("Building the web client (its download size is printed below)");
    web::build_web(root, true)?;
    let chromium = match which {
        Which::Load | Which::Cluster => None,
        Which::Both | Which::Client => Some(chromium::ensure_chromium()?),
    };
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
    // Where cargo put them: `CARGO_TARGET_DIR` or the workspace's `target/`.
    let release = toolchain::target_dir()?.join("release");
    let server = release.join("ovaal");
    if which != Which::Client {
        let (node, peer) = node::ensure_bench_peer(root)?;
        let mut command = std::process::Command::new(release.join("ovaal-bench"));
        command.arg("--server").arg(&server);
        // A preloaded run is about Ovaal's large documents alone.
        if !bench_args.iter().any(|a| a == "--preload-kb") {
            command.arg("--node").arg(node).arg("--peer").arg(peer);
        }
        command.args(bench_args);
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
            "running the client benchmark (300 scattered cards, then 80 at real size, in headless Chromium)",
            &mut command,
        )?;
    }
    Ok(())
}

/// The multi-node run: PostgreSQL and Redis (installed when missing, as for the tests)
/// and release nodes.
fn cluster(bench_args: &[String]) -> Result<()> {
    let postgres = crate::postgres::ensure_postgres()?;
    let redis = crate::redis::ensure_redis()?;
    shell::run(
        "building the release server and the cluster benchmark",
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
    let mut command = std::process::Command::new(release.join("ovaal-cluster-bench"));
    command
        .arg("--server")
        .arg(release.join("ovaal"))
        .args(bench_args)
        .env("OVAAL_PG_BIN", postgres)
        .env("OVAAL_REDIS_SERVER", redis);
    shell::run("running the cluster benchmark", &mut command)
}
