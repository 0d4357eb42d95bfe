//! `cargo xtask screenshots`: the pictures in `docs/screenshots/` that the README shows.
//! Builds the release web client, makes sure Chromium is there, and runs the
//! `ovaal-screenshots` program (a realistic session in headless Chromium); extra
//! arguments (`--out DIR`) go to that program.

use std::path::Path;

use anyhow::Result;

use crate::{chromium, shell, web};

pub fn screenshots(root: &Path, args: &[String]) -> Result<()> {
    let dist = web::build_web(root, true)?;
    let chromium = chromium::ensure_chromium()?;
    shell::run(
        "Taking the screenshots",
        shell::cargo()
            .args([
                "run",
                "--quiet",
                "-p",
                "ovaal-tests",
                "--bin",
                "ovaal-screenshots",
                "--",
            ])
            .args(args)
            .env("OVAAL_WEB_DIST", &dist)
            .env("OVAAL_CHROMIUM", &chromium),
    )
}
