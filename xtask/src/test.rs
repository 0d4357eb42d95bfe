//! `cargo xtask test`: every check CI runs, in one command that README and `.ci/run` call.
//!
//! Order: cheap checks first so a formatting slip fails in seconds, then clippy (native
//! for the whole workspace, wasm32 for the crates that ship to the browser), then the
//! release web build the browser tests load, then `cargo test`. All cargo invocations
//! share one `target/`, and no build variant is added beyond what these checks need.

use std::path::Path;

use anyhow::Result;

use crate::shell::{self, Timings, announce};
use crate::toolchain::{self, WASM_TARGET};
use crate::{chromium, nginx, node, postgres, redis, web};

pub fn test(root: &Path) -> Result<()> {
    let mut timings = Timings::default();
    let result = steps(root, &mut timings);
    println!();
    announce("Summary");
    print!("{}", timings.summary());
    match &result {
        Ok(()) => announce("All checks passed"),
        Err(_) => announce("FAILED (the error is below)"),
    }
    result
}

fn steps(root: &Path, timings: &mut Timings) -> Result<()> {
    timings.step("toolchain (wasm32 target, rustfmt, clippy)", || {
        toolchain::ensure_wasm_target()?;
        toolchain::ensure_fmt_and_clippy()
    })?;
    let chromium = timings.step("chromium", chromium::ensure_chromium)?;
    timings.step("pdftotext (poppler-utils)", chromium::ensure_pdftotext)?;
    let postgres = timings.step("postgresql (storage tests)", postgres::ensure_postgres)?;
    let redis = timings.step("redis-server (cluster tests)", redis::ensure_redis)?;
    timings.step("nginx (the cluster's configuration check)", || {
        nginx::ensure_nginx().map(drop)
    })?;
    timings.step(
        "npm packages for the tests (axe-core, yjs) and node",
        || node::ensure_test_packages(root),
    )?;
    timings.step("cargo fmt --check", || {
        shell::run(
            "Checking formatting",
            shell::cargo().args(["fmt", "--all", "--check"]),
        )
    })?;
    timings.step("clippy (native)", || {
        shell::run(
            "Linting the workspace for the host",
            shell::cargo().args([
                "clippy",
                "--workspace",
                "--all-targets",
                "--",
                "-D",
                "warnings",
            ]),
        )
    })?;
    timings.step("clippy (wasm32)", || {
        shell::run(
            "Linting the browser crates for wasm32",
            shell::cargo().args([
                "clippy",
                "-p",
                "ovaal-web",
                "-p",
                "ovaal-shared",
                "--target",
                WASM_TARGET,
                "--all-targets",
                "--",
                "-D",
                "warnings",
            ]),
        )
    })?;
    let dist = timings.step("build-web (release)", || web::build_web(root, true))?;
    timings.step("cargo test", || {
        // xtask's own tests first, in their own invocation: built together with the
        // workspace, feature unification would compile wasm-bindgen's walrus/wasmparser a
        // second time (~20 s); alone they reuse what `cargo xtask` itself was built with.
        shell::run(
            "Testing xtask",
            shell::cargo().args(["test", "-p", "xtask"]),
        )?;
        // Browser tests fail instead of skipping when Chromium is missing: a skipped
        // end-to-end test would let a broken client pass CI.
        shell::run(
            "Running all other tests",
            shell::cargo()
                .args([
                    "test",
                    "--workspace",
                    "--exclude",
                    "xtask",
                    "--no-fail-fast",
                ])
                .env("OVAAL_WEB_DIST", &dist)
                .env("OVAAL_PG_BIN", &postgres)
                .env("OVAAL_REDIS_SERVER", &redis)
                .env("OVAAL_CHROMIUM", &chromium),
        )
    })?;
    Ok(())
}
