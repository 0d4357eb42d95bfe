//! The tests' npm packages: axe-core, which the accessibility test injects into pages.
//! Pinned exactly in `tests/package.json` and `tests/package-lock.json`, installed into
//! `tests/node_modules` with `npm ci` when missing or not the locked version; Node.js and
//! npm themselves come from Debian (`nodejs`, `npm`) when they are not installed.

use std::path::Path;
use std::process::Command;

use anyhow::{Context, Result};
use serde_json::Value;

use crate::apt;
use crate::shell::{self, announce, find_program};

const PACKAGE: &str = "axe-core";

/// Makes sure `tests/node_modules/axe-core` holds the version `tests/package-lock.json`
/// locks, running `npm ci --prefix tests` (and installing npm first) when it does not.
pub fn ensure_test_packages(root: &Path) -> Result<()> {
    let tests = root.join("tests");
    let lock_path = tests.join("package-lock.json");
    let lock = std::fs::read_to_string(&lock_path)
        .with_context(|| format!("cannot read {}", lock_path.display()))?;
    let wanted = locked_version(&lock, PACKAGE)
        .with_context(|| format!("{} does not lock {PACKAGE}", lock_path.display()))?;
    let installed_manifest = tests
        .join("node_modules")
        .join(PACKAGE)
        .join("package.json");
    let installed = std::fs::read_to_string(&installed_manifest)
        .ok()
        .and_then(|text| manifest_version(&text));
    if installed.as_deref() == Some(wanted.as_str()) {
        announce(&format!(
            "{PACKAGE} {wanted} is installed (tests/node_modules)"
        ));
        return Ok(());
    }
    match &installed {
        Some(other) => announce(&format!(
            "tests/node_modules has {PACKAGE} {other}, the lock file wants {wanted}: reinstalling"
        )),
        None => announce(&format!(
            "{PACKAGE} is missing from tests/node_modules: installing {wanted} with npm"
        )),
    }
    let npm = ensure_npm()?;
    shell::run(
        &format!("Installing the tests' npm packages ({PACKAGE} {wanted})"),
        Command::new(npm).args(["ci", "--prefix", "tests", "--no-audit", "--no-fund"]),
    )?;
    let now = std::fs::read_to_string(&installed_manifest)
        .ok()
        .and_then(|text| manifest_version(&text));
    anyhow::ensure!(
        now.as_deref() == Some(wanted.as_str()),
        "npm ci finished but {} is {now:?}, not {wanted}",
        installed_manifest.display()
    );
    Ok(())
}

/// `npm` on `PATH`, installing Debian's `nodejs` and `npm` with apt-get when it is not.
fn ensure_npm() -> Result<std::path::PathBuf> {
    if let Some(npm) = find_program("npm") {
        return Ok(npm);
    }
    announce("npm is missing: installing Debian's nodejs and npm");
    apt::install("Installing Node.js and npm", &["nodejs", "npm"]).context(
        "could not install npm. Install Node.js and npm (on Debian or Ubuntu: \
         `apt-get install nodejs npm`) and retry",
    )?;
    find_program("npm").context("apt-get reported success but there is still no `npm` on PATH")
}

/// The version `package-lock.json` (lockfile v2/v3) pins for a top-level dependency.
fn locked_version(lock: &str, package: &str) -> Option<String> {
    let lock: Value = serde_json::from_str(lock).ok()?;
    lock["packages"][format!("node_modules/{package}")]["version"]
        .as_str()
        .map(str::to_owned)
}

/// The `version` of an installed package's `package.json`.
fn manifest_version(manifest: &str) -> Option<String> {
    let manifest: Value = serde_json::from_str(manifest).ok()?;
    manifest["version"].as_str().map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_locked_version() {
        let lock = r#"{ "lockfileVersion": 3, "packages": {
            "": { "dependencies": { "axe-core": "4.14.1" } },
            "node_modules/axe-core": { "version": "4.14.1" } } }"#;
        assert_eq!(locked_version(lock, "axe-core").as_deref(), Some("4.14.1"));
        assert_eq!(locked_version(lock, "left-pad"), None);
        assert_eq!(locked_version("not json", "axe-core"), None);
    }

    #[test]
    fn the_repository_lock_pins_axe_core() {
        let lock = include_str!("../../tests/package-lock.json");
        let package = include_str!("../../tests/package.json");
        let locked = locked_version(lock, "axe-core").expect("axe-core is locked");
        let manifest: Value = serde_json::from_str(package).expect("package.json is JSON");
        assert_eq!(
            manifest["dependencies"]["axe-core"].as_str(),
            Some(locked.as_str()),
            "tests/package.json must pin axe-core exactly to the locked version"
        );
    }
}
