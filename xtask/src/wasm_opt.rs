//! `wasm-opt` (Debian's `binaryen`) on the release client, before wasm-bindgen: merges
//! duplicate functions and drops what only debugging needs (docs/benchmarks.md, "Web
//! client download"). Installed with apt-get when missing, like Chromium and Node.js.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result};

use crate::apt;
use crate::shell::{self, announce, find_program};

/// The passes. Debian's binaryen (108) makes the code smaller but gzip worse with
/// `-O2`, `-Os` and `-Oz` (it undoes the regularity of LLVM's output that gzip feeds
/// on: `-Oz` took the gzip copy from 430 to 468 KiB); `-O1` with duplicate functions
/// merged and the debugging sections dropped gains about 5 KiB gzip
/// (docs/benchmarks.md, "Web client download"). `--strip-debug` also drops the name
/// section, which the `wasm-release` profile keeps in the compiler's output so that
/// what the bytes are can be measured there.
const PASSES: &[&str] = &[
    "-O1",
    "--duplicate-function-elimination",
    "--strip-debug",
    "--strip-producers",
];

/// The WebAssembly features rustc's `wasm32-unknown-unknown` output uses; wasm-opt
/// must be told, and may use no others (every browser Ovaal supports has these).
const FEATURES: &[&str] = &[
    "--enable-bulk-memory",
    "--enable-mutable-globals",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-reference-types",
    "--enable-multivalue",
];

/// Returns `wasm-opt`, installing Debian's `binaryen` first when it is missing.
pub fn ensure_wasm_opt() -> Result<PathBuf> {
    if let Some(path) = find_program("wasm-opt") {
        announce(&format!("wasm-opt is installed: {}", path.display()));
        return Ok(path);
    }
    announce("wasm-opt is missing: installing Debian's binaryen");
    apt::install("Installing binaryen (wasm-opt)", &["binaryen"]).context(
        "could not install binaryen. Install it (on Debian or Ubuntu: \
         `apt-get install binaryen`) and retry",
    )?;
    find_program("wasm-opt")
        .context("apt-get reported success but there is still no `wasm-opt` on PATH")
}

/// Optimises the compiler's `wasm` for size into a file next to it and returns the
/// file wasm-bindgen should read. What counts is the gzip copy the server sends, so the
/// optimised file is used only when its gzip is smaller.
pub fn optimise(wasm_opt: &Path, wasm: &Path) -> Result<PathBuf> {
    let optimised = wasm.with_extension("opt.wasm");
    shell::run(
        &format!("Optimising {} with wasm-opt", wasm.display()),
        Command::new(wasm_opt)
            .args(PASSES)
            .args(FEATURES)
            .arg(wasm)
            .arg("-o")
            .arg(&optimised),
    )?;
    let (before, after) = (std::fs::read(wasm)?, std::fs::read(&optimised)?);
    let (gz_before, gz_after) = (
        crate::bundle::gzip(&before)?.len(),
        crate::bundle::gzip(&after)?.len(),
    );
    let kib = |bytes: usize| bytes as f64 / 1024.0;
    announce(&format!(
        "wasm-opt: {:.1} KiB ({:.1} KiB gzip) -> {:.1} KiB ({:.1} KiB gzip), before wasm-bindgen",
        kib(before.len()),
        kib(gz_before),
        kib(after.len()),
        kib(gz_after),
    ));
    if gz_after < gz_before {
        Ok(optimised)
    } else {
        announce("the optimised wasm gzips no smaller: wasm-bindgen reads the compiler's");
        Ok(wasm.to_path_buf())
    }
}
