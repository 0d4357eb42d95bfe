//! `cargo xtask build-web`: the browser client as the server serves it.
//!
//! `web/dist/index.html` (served for `/` and `/s/{id}`) and `web/dist/assets/*` (served
//! under `/assets/`): the wasm-bindgen output `ovaal_web.js` and `ovaal_web_bg.wasm`,
//! everything else from `web/static`, and gzip copies of the `.wasm`, `.js` and `.css`.
//!
//! wasm-bindgen runs as a library (`wasm-bindgen-cli-support`) pinned to the exact
//! `wasm-bindgen` version in Cargo.lock, so there is no separately installed CLI whose
//! version can drift from the one the client was compiled against. The release build
//! is then optimised for size with `wasm-opt` (`wasm_opt.rs`).

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use wasm_bindgen_cli_support::Bindgen;

use crate::shell::{self, announce};
use crate::toolchain::{self, WASM_TARGET};
use crate::{bundle, wasm_opt};

/// The name wasm-bindgen gives its output: `ovaal_web.js` and `ovaal_web_bg.wasm`.
pub const OUT_NAME: &str = "ovaal_web";

/// Builds the client into `web/dist` and returns that directory's absolute path.
/// `release` selects the size-optimised `wasm-release` profile; otherwise `dev`.
pub fn build_web(root: &Path, release: bool) -> Result<PathBuf> {
    build(root, release, false)
}

/// The release client with its functions' names (`build-web --names`), for CPU
/// profiles (`ovaal-client-bench --cpu-profile`): the compiler's output as it is,
/// without `wasm-opt`, whose `--strip-debug` drops the name section. Not for serving:
/// the names are about 100 KiB of gzip.
pub fn build_web_with_names(root: &Path) -> Result<PathBuf> {
    build(root, true, true)
}

fn build(root: &Path, release: bool, keep_names: bool) -> Result<PathBuf> {
    toolchain::ensure_wasm_target()?;
    let wasm_opt = if release && !keep_names {
        Some(wasm_opt::ensure_wasm_opt()?)
    } else {
        None
    };
    let static_dir = root.join("web").join("static");
    bundle::check_static_dir(&static_dir)?;

    let (profile, profile_dir) = if release {
        ("wasm-release", "wasm-release")
    } else {
        ("dev", "debug")
    };
    shell::run(
        &format!("Building the web client for {WASM_TARGET} (profile {profile})"),
        shell::cargo().args([
            "build",
            "-p",
            "ovaal-web",
            "--target",
            WASM_TARGET,
            "--profile",
            profile,
        ]),
    )?;
    let wasm = toolchain::target_dir()?
        .join(WASM_TARGET)
        .join(profile_dir)
        .join(format!("{OUT_NAME}.wasm"));

    // wasm-opt runs before wasm-bindgen: Debian's binaryen (108) rewrites the table of
    // JavaScript values that wasm-bindgen adds into one the browser refuses to fill.
    let wasm = match wasm_opt {
        Some(wasm_opt) => wasm_opt::optimise(&wasm_opt, &wasm)?,
        None => wasm,
    };

    let version = toolchain::check_wasm_bindgen_versions(root)?;
    let dist = root.join("web").join("dist");
    let assets = dist.join("assets");
    // Start from an empty dist so nothing stale is ever served.
    if dist.exists() {
        std::fs::remove_dir_all(&dist)
            .with_context(|| format!("cannot clear {}", dist.display()))?;
    }
    std::fs::create_dir_all(&assets)
        .with_context(|| format!("cannot create {}", assets.display()))?;

    announce(&format!(
        "Running wasm-bindgen {version} (--target web --out-name {OUT_NAME}) on {} into {}",
        relative(root, &wasm),
        relative(root, &assets)
    ));
    Bindgen::new()
        .input_path(&wasm)
        .out_name(OUT_NAME)
        .web(true)?
        .typescript(false)
        .debug(!release)
        .keep_debug(!release)
        .generate(&assets)
        .with_context(|| format!("wasm-bindgen failed on {}", wasm.display()))?;

    bundle::finish(&static_dir, &dist)?;
    announce(&format!("The web client is in {}", relative(root, &dist)));
    Ok(dist)
}

/// `path` relative to the workspace root for messages, or as-is when outside it.
pub fn relative(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .display()
        .to_string()
}
