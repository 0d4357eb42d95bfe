//! `cargo xtask bench`: the figures in `docs/benchmarks.md`. Builds the release web
//! client (printing its download size) and the release server, then runs the load
//! benchmark `ovaal-bench` against the server as a separate process.

use std::path::Path;

use anyhow::Result;

use crate::{shell, web};

pub fn bench(root: &Path, bench_args: &[String]) -> Result<()> {
    shell::announce("Building the web client (its download size is printed below)");
    web::build_web(root, true)?;
    shell::run(
        "building the release server and the load client",
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
        ]),
    )?;
    let server = root.join("target/release/ovaal");
    let mut command = std::process::Command::new(root.join("target/release/ovaal-bench"));
    command.arg("--server").arg(&server).args(bench_args);
    shell::run("running the load benchmark", &mut command)
}
