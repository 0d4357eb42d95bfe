//! Where a page load's main-thread time goes, by function: Chromium's sampling CPU
//! profiler (`Profiler.start`/`Profiler.stop` over the DevTools protocol) around one
//! load, summed per function name. The client benchmark prints it with
//! `--cpu-profile N` (the N largest). Rust functions have names only in a client built
//! with its name section (`cargo xtask build-web --names`); the served build has none
//! and its functions show as `wasm-function[…]`.

use std::collections::{HashMap, HashSet};

use anyhow::{Context, Result};
use serde_json::{Value, json};

use crate::browser::Page;

/// How often the profiler samples, in microseconds (Chromium's default is 1000).
const SAMPLING_US: u64 = 100;

/// Starts the profiler on `page` (before it navigates).
pub async fn start(page: &Page) -> Result<()> {
    page.call("Profiler.enable", json!({})).await?;
    page.call(
        "Profiler.setSamplingInterval",
        json!({ "interval": SAMPLING_US }),
    )
    .await?;
    page.call("Profiler.start", json!({})).await?;
    Ok(())
}

/// One function's share of the samples, in ms.
#[derive(Debug, Clone, PartialEq)]
pub struct FunctionTime {
    pub name: String,
    /// Time with this function on top of the stack.
    pub own_ms: f64,
    /// Time with this function anywhere on the stack (counted once per sample).
    pub total_ms: f64,
}

/// Which load a profile is of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoadKind {
    /// A first visit: a fresh browser context.
    Cold,
    /// A page that has joined before, loaded again.
    Warm,
}

impl LoadKind {
    fn as_str(self) -> &'static str {
        match self {
            LoadKind::Cold => "cold",
            LoadKind::Warm => "warm",
        }
    }
}

/// Stops the profiler and sums its samples per function, largest own time first.
/// With `OVAAL_CPU_PROFILE_OUT` set, the whole profile is also written to that file
/// (a `.cpuprofile` that Chromium's DevTools open, with every call stack); a warm
/// load's to the same name with `.warm` before its extension.
pub async fn stop(page: &Page, kind: LoadKind) -> Result<Vec<FunctionTime>> {
    let stopped = page.call("Profiler.stop", json!({})).await?;
    if let Some(path) = std::env::var_os("OVAAL_CPU_PROFILE_OUT") {
        let mut path = std::path::PathBuf::from(path);
        if kind == LoadKind::Warm {
            let extension = path
                .extension()
                .map(|e| format!("warm.{}", e.to_string_lossy()))
                .unwrap_or_else(|| "warm".to_owned());
            path.set_extension(extension);
        }
        std::fs::write(&path, serde_json::to_vec(&stopped["profile"])?)
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
    summarise(&stopped["profile"])
}

/// Sums a CDP `Profiler.Profile` per function name.
pub fn summarise(profile: &Value) -> Result<Vec<FunctionTime>> {
    let nodes = profile["nodes"]
        .as_array()
        .context("a profile without nodes")?;
    let mut name_of = HashMap::new();
    let mut parent_of = HashMap::new();
    for node in nodes {
        let id = node["id"].as_u64().context("a node without an id")?;
        name_of.insert(id, display_name(&node["callFrame"]));
        for child in node["children"].as_array().into_iter().flatten() {
            if let Some(child) = child.as_u64() {
                parent_of.insert(child, id);
            }
        }
    }
    let samples = profile["samples"].as_array().context("no samples")?;
    let deltas = profile["timeDeltas"].as_array().context("no time deltas")?;
    let mut own: HashMap<&str, f64> = HashMap::new();
    let mut total: HashMap<&str, f64> = HashMap::new();
    // Each sample's time is the delta to the next sample.
    for (i, sample) in samples.iter().enumerate() {
        let Some(id) = sample.as_u64() else { continue };
        let ms = deltas
            .get(i + 1)
            .and_then(Value::as_f64)
            .unwrap_or(0.0)
            .max(0.0)
            / 1000.0;
        if let Some(name) = name_of.get(&id) {
            *own.entry(name).or_default() += ms;
        }
        let mut seen = HashSet::new();
        let mut at = Some(id);
        while let Some(node) = at {
            if let Some(name) = name_of.get(&node)
                && seen.insert(name.as_str())
            {
                *total.entry(name).or_default() += ms;
            }
            at = parent_of.get(&node).copied();
        }
    }
    let mut functions: Vec<FunctionTime> = total
        .iter()
        .map(|(name, total_ms)| FunctionTime {
            name: (*name).to_owned(),
            own_ms: own.get(name).copied().unwrap_or(0.0),
            total_ms: *total_ms,
        })
        .collect();
    functions.sort_by(|a, b| b.own_ms.total_cmp(&a.own_ms));
    Ok(functions)
}

/// A function's name as a person reads it: Rust names demangled without their hash,
/// JavaScript names with their file, the profiler's own entries as they are.
fn display_name(frame: &Value) -> String {
    let name = frame["functionName"].as_str().unwrap_or_default();
    let url = frame["url"].as_str().unwrap_or_default();
    let file = url.rsplit('/').next().unwrap_or_default();
    if name.starts_with("_ZN") || name.starts_with("_R") {
        return format!("{:#}", rustc_demangle::demangle(name));
    }
    match (name.is_empty(), file.is_empty()) {
        (true, true) => "(anonymous)".to_owned(),
        (true, false) => format!("(anonymous) {file}"),
        (false, true) => name.to_owned(),
        (false, false) => format!("{name} {file}"),
    }
}

/// Prints the `top` functions by own time, and by total time.
pub fn print(functions: &[FunctionTime], top: usize, kind: LoadKind) {
    let sampled: f64 = functions.iter().map(|f| f.own_ms).sum();
    println!(
        "CPU profile of one {} load until interactive ({sampled:.0} ms sampled):",
        kind.as_str()
    );
    println!("  own ms | total ms | function (largest own time first)");
    for f in functions.iter().take(top) {
        println!("{:>8.1} | {:>8.1} | {}", f.own_ms, f.total_ms, f.name);
    }
    let mut by_total = functions.to_vec();
    by_total.sort_by(|a, b| b.total_ms.total_cmp(&a.total_ms));
    println!("  total ms | function (largest total time first)");
    for f in by_total.iter().take(top) {
        println!("{:>10.1} | {}", f.total_ms, f.name);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn own_and_total_time_are_summed_per_function() {
        // root → a → b; samples: b, b, a, root (each 1 ms after the first).
        let profile = json!({
            "nodes": [
                { "id": 1, "callFrame": { "functionName": "(root)", "url": "" }, "children": [2] },
                { "id": 2, "callFrame": { "functionName": "a", "url": "http://x/boot.js" }, "children": [3] },
                { "id": 3, "callFrame": { "functionName": "_ZN3foo3bar17h0123456789abcdefE", "url": "" } },
            ],
            "samples": [3, 3, 2, 1],
            "timeDeltas": [0, 1000, 1000, 1000],
        });
        let functions = summarise(&profile).unwrap();
        let get = |name: &str| functions.iter().find(|f| f.name == name).unwrap().clone();
        // The first sample's time is the delta to the second.
        assert_eq!(get("foo::bar").own_ms, 2.0);
        assert_eq!(get("a boot.js").own_ms, 1.0);
        assert_eq!(get("a boot.js").total_ms, 3.0);
        assert_eq!(get("(root)").total_ms, 3.0);
        assert_eq!(functions[0].name, "foo::bar");
    }
}
