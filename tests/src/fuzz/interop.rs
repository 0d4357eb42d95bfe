//! Applying recorded frames with the official JavaScript `yjs`
//! (`tests/js/apply-updates.mjs`), the library the wire protocol promises to stay
//! compatible with. Node.js and `yjs` are installed by `cargo xtask test`; without them
//! the check fails rather than skips, in CI and on a laptop alike, so a missing tool
//! can never pass for a compatible server.

use std::path::{Path, PathBuf};
use std::process::Output;

use anyhow::{Context, bail};

fn tests_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

/// `node` on `PATH`.
pub fn node() -> anyhow::Result<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    let found = std::env::split_paths(&path)
        .map(|dir| dir.join("node"))
        .find(|candidate| candidate.is_file());
    let ci = std::env::var("CI").is_ok_and(|v| v == "true");
    found.with_context(|| {
        format!(
            "no `node` on PATH{}: the interoperability check with yjs needs Node.js. \
             `cargo xtask test` installs it (Debian's nodejs) and the tests' npm packages",
            if ci { " (CI=true)" } else { "" }
        )
    })
}

/// Runs the script on a frames file and returns its exit status and output.
pub fn apply_with_yjs(frames: &Path) -> anyhow::Result<Output> {
    let node = node()?;
    let yjs = tests_dir().join("node_modules/yjs/package.json");
    anyhow::ensure!(
        yjs.is_file(),
        "yjs is not installed in tests/node_modules: run `cargo xtask test` \
         (or `npm ci --prefix tests`)"
    );
    let script = tests_dir().join("js/apply-updates.mjs");
    std::process::Command::new(node)
        .arg(&script)
        .arg(frames)
        .output()
        .with_context(|| format!("cannot run node {}", script.display()))
}

/// Fails, with yjs' own list of problems, unless every frame applied cleanly.
pub fn check_with_yjs(frames: &Path) -> anyhow::Result<String> {
    let output = apply_with_yjs(frames)?;
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    if !output.status.success() {
        bail!(
            "yjs rejected frames the server sent ({}; {}):\n{}{}",
            output.status,
            frames.display(),
            stdout,
            String::from_utf8_lossy(&output.stderr)
        );
    }
    Ok(stdout)
}
