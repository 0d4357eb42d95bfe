//! The Rust toolchain pieces the checks need beyond a bare `cargo`: the wasm32 target and
//! the rustfmt and clippy components. Each is installed only when missing, so the common
//! case costs one quick `rustup` query.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail};

use crate::shell::{self, announce};

pub const WASM_TARGET: &str = "wasm32-unknown-unknown";

/// Adds the wasm32 target with rustup unless `rustup target list --installed` has it.
pub fn ensure_wasm_target() -> Result<()> {
    let installed = shell::output(Command::new("rustup").args(["target", "list", "--installed"]))
        .context(
        "cannot ask rustup for the installed targets; without rustup, install the \
             wasm32-unknown-unknown target for your toolchain yourself",
    )?;
    if installed.lines().any(|line| line.trim() == WASM_TARGET) {
        announce(&format!("The {WASM_TARGET} target is installed"));
        return Ok(());
    }
    shell::run(
        "Installing the wasm32 target",
        Command::new("rustup").args(["target", "add", WASM_TARGET]),
    )
}

/// Adds rustfmt and clippy with rustup when `cargo fmt` / `cargo clippy` are not available
/// (minimal rustup profiles leave them out).
pub fn ensure_fmt_and_clippy() -> Result<()> {
    let mut missing = Vec::new();
    for (subcommand, component) in [("fmt", "rustfmt"), ("clippy", "clippy")] {
        let works = shell::output(shell::cargo().args([subcommand, "--version"])).is_ok();
        if !works {
            missing.push(component);
        }
    }
    if missing.is_empty() {
        announce("rustfmt and clippy are installed");
        return Ok(());
    }
    shell::run(
        "Installing missing toolchain components",
        Command::new("rustup")
            .args(["component", "add"])
            .args(&missing),
    )
}

/// The cargo target directory, honouring `CARGO_TARGET_DIR` and `build.target-dir`.
pub fn target_dir() -> Result<PathBuf> {
    let metadata = shell::output(shell::cargo().args([
        "metadata",
        "--no-deps",
        "--format-version",
        "1",
        "--offline",
    ]))
    .or_else(|_| {
        shell::output(shell::cargo().args(["metadata", "--no-deps", "--format-version", "1"]))
    })?;
    let metadata: serde_json::Value =
        serde_json::from_str(&metadata).context("`cargo metadata` printed invalid JSON")?;
    let dir = metadata["target_directory"]
        .as_str()
        .context("`cargo metadata` has no target_directory")?;
    Ok(PathBuf::from(dir))
}

/// The version of `package` recorded in the workspace's `Cargo.lock`, if it is there
/// exactly once.
pub fn locked_version(root: &Path, package: &str) -> Result<Option<String>> {
    let lock_path = root.join("Cargo.lock");
    let lock = std::fs::read_to_string(&lock_path)
        .with_context(|| format!("cannot read {}", lock_path.display()))?;
    Ok(parse_locked_version(&lock, package))
}

fn parse_locked_version(lock: &str, package: &str) -> Option<String> {
    let wanted = format!("name = \"{package}\"");
    let mut lines = lock.lines();
    let mut found = None;
    while let Some(line) = lines.next() {
        if line.trim() == wanted {
            let version = lines.next()?.trim().strip_prefix("version = \"")?;
            let version = version.strip_suffix('"')?.to_string();
            if found.is_some() {
                // Two versions of one package: there is no single answer.
                return None;
            }
            found = Some(version);
        }
    }
    found
}

/// Fails when the `wasm-bindgen` crate the web client links and the
/// `wasm-bindgen-cli-support` xtask runs differ: the glue would not match the wasm.
/// (The `=` pin in xtask/Cargo.toml normally makes cargo enforce this when resolving.)
pub fn check_wasm_bindgen_versions(root: &Path) -> Result<String> {
    let runtime = locked_version(root, "wasm-bindgen")?;
    let cli = locked_version(root, "wasm-bindgen-cli-support")?;
    match (runtime, cli) {
        (Some(runtime), Some(cli)) if runtime == cli => Ok(runtime),
        (Some(runtime), Some(cli)) => bail!(
            "Cargo.lock has wasm-bindgen {runtime} but wasm-bindgen-cli-support {cli}; set \
             `wasm-bindgen-cli-support = \"={runtime}\"` in xtask/Cargo.toml"
        ),
        (None, _) => bail!(
            "Cargo.lock has no single `wasm-bindgen` version; the web client must depend on \
             wasm-bindgen"
        ),
        (_, None) => bail!("Cargo.lock has no single `wasm-bindgen-cli-support` version"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LOCK: &str = r#"
[[package]]
name = "wasm-bindgen"
version = "0.2.130"
source = "registry+https://github.com/rust-lang/crates.io-index"

[[package]]
name = "wasm-bindgen-backend"
version = "0.2.130"

[[package]]
name = "twice"
version = "1.0.0"

[[package]]
name = "twice"
version = "2.0.0"
"#;

    #[test]
    fn reads_the_locked_version_of_exactly_that_package() {
        assert_eq!(
            parse_locked_version(LOCK, "wasm-bindgen").as_deref(),
            Some("0.2.130")
        );
        assert_eq!(parse_locked_version(LOCK, "wasm-bindgen-cli"), None);
        assert_eq!(parse_locked_version(LOCK, "twice"), None);
    }
}
