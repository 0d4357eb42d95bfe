//! The tests' npm packages and Node.js: axe-core, which the accessibility test injects
//! into pages, and `yjs`, with which the fuzz test checks that every Yjs client can read
//! what the server sends (`tests/js/apply-updates.mjs`, run with `node`). Pinned exactly
//! in `tests/package.json` and `tests/package-lock.json`, installed into
//! `tests/node_modules` with `npm ci` when any locked package is missing or not the
//! locked version; Node.js and npm themselves come from Debian (`nodejs`, `npm`) when
//! they are not installed.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result};
use serde_json::Value;

use crate::apt;
use crate::shell::{self, announce, find_program};

/// Makes sure `tests/node_modules` holds every package `tests/package-lock.json` locks,
/// at the locked version, running `npm ci --prefix tests` (and installing npm first)
/// when it does not; and that `node` is on `PATH` for the tests that run scripts.
pub fn ensure_test_packages(root: &Path) -> Result<()> {
    ensure_locked(root, "tests", "the tests' npm packages").map(|_| ())
}

/// The y-websocket server `cargo xtask bench load` compares Ovaal with: the packages
/// `xtask/peer/package-lock.json` locks, installed like the tests'. Returns `node` and
/// the server's script.
pub fn ensure_bench_peer(root: &Path) -> Result<(PathBuf, PathBuf)> {
    let node = ensure_locked(root, "xtask/peer", "the benchmark's y-websocket server")?;
    let script = root.join("xtask/peer/node_modules/@y/websocket-server/src/server.js");
    anyhow::ensure!(script.exists(), "{} is missing", script.display());
    Ok((node, script))
}

/// Installs the packages `<dir>/package-lock.json` locks into `<dir>/node_modules`
/// with `npm ci` when any is missing or another version; returns `node`.
fn ensure_locked(root: &Path, dir: &str, what: &str) -> Result<PathBuf> {
    let packages = root.join(dir);
    let lock_path = packages.join("package-lock.json");
    let lock = std::fs::read_to_string(&lock_path)
        .with_context(|| format!("cannot read {}", lock_path.display()))?;
    let locked = locked_packages(&lock)
        .with_context(|| format!("{} is not a package lock (v2 or v3)", lock_path.display()))?;
    let wrong = not_installed(&packages, &locked);
    if wrong.is_empty() {
        announce(&format!(
            "{what} is installed ({dir}/node_modules): {}",
            summary(&locked)
        ));
    } else {
        for (path, wanted, installed) in &wrong {
            match installed {
                Some(other) => announce(&format!(
                    "{dir}/{path} is {other}, the lock file wants {wanted}"
                )),
                None => announce(&format!("{dir}/{path} ({wanted}) is missing")),
            }
        }
        let npm = ensure_program("npm")?;
        shell::run(
            &format!("Installing {what} with npm ci ({})", summary(&locked)),
            Command::new(npm)
                .args(["ci", "--prefix", dir, "--no-audit", "--no-fund"])
                .current_dir(root),
        )?;
        let still = not_installed(&packages, &locked);
        anyhow::ensure!(
            still.is_empty(),
            "npm ci finished but these packages are still not the locked version: {}",
            still
                .iter()
                .map(|(path, wanted, got)| format!("{path} (want {wanted}, have {got:?})"))
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    ensure_program("node")
}

/// A locked package: its path under `tests/` and its version.
type Locked = Vec<(String, String)>;

fn summary(locked: &Locked) -> String {
    locked
        .iter()
        .filter(|(path, _)| path.matches("node_modules/").count() == 1)
        .map(|(path, version)| format!("{} {version}", path.trim_start_matches("node_modules/")))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The locked packages that are missing or another version, with what is there.
fn not_installed(tests: &Path, locked: &Locked) -> Vec<(String, String, Option<String>)> {
    locked
        .iter()
        .filter_map(|(path, wanted)| {
            let manifest = tests.join(path).join("package.json");
            let installed = std::fs::read_to_string(&manifest)
                .ok()
                .and_then(|text| manifest_version(&text));
            (installed.as_deref() != Some(wanted.as_str()))
                .then(|| (path.clone(), wanted.clone(), installed))
        })
        .collect()
}

/// `program` (`npm` or `node`) on `PATH`, installing Debian's `nodejs` and `npm` with
/// apt-get when it is not.
fn ensure_program(program: &str) -> Result<PathBuf> {
    if let Some(path) = find_program(program) {
        return Ok(path);
    }
    announce(&format!(
        "{program} is missing: installing Debian's nodejs and npm"
    ));
    apt::install("Installing Node.js and npm", &["nodejs", "npm"]).context(
        "could not install Node.js and npm. Install them (on Debian or Ubuntu: \
         `apt-get install nodejs npm`) and retry",
    )?;
    find_program(program).with_context(|| {
        format!("apt-get reported success but there is still no `{program}` on PATH")
    })
}

/// Every package `package-lock.json` (lockfile v2/v3) pins, nested ones included, as
/// (path under the lock's directory, version). Linked workspace entries have no
/// version of their own and are left out.
fn locked_packages(lock: &str) -> Option<Locked> {
    let lock: Value = serde_json::from_str(lock).ok()?;
    let packages = lock["packages"].as_object()?;
    Some(
        packages
            .iter()
            .filter(|(path, _)| path.starts_with("node_modules/"))
            .filter_map(|(path, entry)| {
                let version = entry["version"].as_str()?;
                Some((path.clone(), version.to_owned()))
            })
            .collect(),
    )
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
    fn reads_every_locked_package() {
        let lock = r#"{ "lockfileVersion": 3, "packages": {
            "": { "dependencies": { "axe-core": "4.14.1", "yjs": "13.6.33" } },
            "node_modules/axe-core": { "version": "4.14.1" },
            "node_modules/yjs": { "version": "13.6.33" },
            "node_modules/yjs/node_modules/lib0": { "version": "0.2.1" } } }"#;
        let locked = locked_packages(lock).expect("a lock");
        assert_eq!(
            locked,
            [
                ("node_modules/axe-core".to_owned(), "4.14.1".to_owned()),
                ("node_modules/yjs".to_owned(), "13.6.33".to_owned()),
                (
                    "node_modules/yjs/node_modules/lib0".to_owned(),
                    "0.2.1".to_owned()
                ),
            ]
        );
        assert_eq!(summary(&locked), "axe-core 4.14.1, yjs 13.6.33");
        assert_eq!(locked_packages("not json"), None);
    }

    #[test]
    fn a_missing_or_other_version_is_not_installed() {
        let dir = std::env::temp_dir().join(format!("ovaal-xtask-node-{}", std::process::id()));
        let installed = dir.join("node_modules/yjs");
        std::fs::create_dir_all(&installed).expect("mkdir");
        std::fs::write(installed.join("package.json"), r#"{"version":"13.6.0"}"#).expect("write");
        let locked = vec![
            ("node_modules/yjs".to_owned(), "13.6.33".to_owned()),
            ("node_modules/lib0".to_owned(), "0.2.120".to_owned()),
        ];
        let wrong = not_installed(&dir, &locked);
        let _ = std::fs::remove_dir_all(&dir);
        assert_eq!(wrong.len(), 2);
        assert_eq!(wrong[0].2.as_deref(), Some("13.6.0"));
        assert_eq!(wrong[1].2, None);
    }

    #[test]
    fn the_repository_pins_every_dependency_exactly() {
        let lock = include_str!("../../tests/package-lock.json");
        let package = include_str!("../../tests/package.json");
        let locked = locked_packages(lock).expect("the lock parses");
        let manifest: Value = serde_json::from_str(package).expect("package.json is JSON");
        let dependencies = manifest["dependencies"].as_object().expect("dependencies");
        for name in ["axe-core", "yjs"] {
            assert!(dependencies.contains_key(name), "{name} is a dependency");
        }
        for (name, pinned) in dependencies {
            let version = locked
                .iter()
                .find(|(path, _)| *path == format!("node_modules/{name}"))
                .map(|(_, v)| v.as_str());
            assert_eq!(
                pinned.as_str(),
                version,
                "tests/package.json must pin {name} exactly to the locked version"
            );
        }
    }
}
