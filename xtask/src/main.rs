//! Ovaal's build and test runner, invoked as `cargo xtask <command>` (alias in
//! `.cargo/config.toml`). It exists so that one command builds the browser bundle, runs
//! the server, or runs every check CI runs, on a fresh machine as on a developer's, and
//! says at each step what it is doing.
//!
//! Plain `std` plus `anyhow`, arguments parsed by hand: this crate is compiled before
//! anything else can happen, so it stays quick to build.
//!
//! # Layout
//!
//! - `shell`: announcing and running external commands, timing steps.
//! - `toolchain`: the wasm32 target and the rustfmt/clippy components.
//! - `apt`: installing Debian packages (apt-get, as root or through sudo).
//! - `chromium`: finding, or installing with apt, the browser the end-to-end tests drive.
//! - `node`: the tests' npm packages (axe-core), the benchmark's y-websocket server
//!   (`xtask/peer`), and Node.js/npm themselves when missing.
//! - `web`: `build-web` — the wasm build and wasm-bindgen (as a library).
//! - `wasm_opt`: `wasm-opt` (binaryen, installed with apt) on the release client.
//! - `bundle`: laying out `web/dist`, checking `index.html`'s references, gzip and sizes.
//! - `version_stamp`: the build's version in the client's addresses (`?v=…`).
//! - `css`: the stylesheet as it is sent, without its comments.
//! - `http`: a tiny HTTP/1.1 client over `TcpStream` for `run`.
//! - `run`: `run` — build, start the server, create a session, print its links.
//! - `test`: `test` — the one test command that README and `.ci/run` call.
//! - `cluster`: `cluster` — PostgreSQL, Redis, several nodes and nginx on one machine;
//!   `pg_server`, `redis_server`, `nginx`: running each of those; `redis`: finding
//!   or installing Redis.
//! - `bench`: `bench` — the load and client benchmarks behind `docs/benchmarks.md`.
//! - `screenshots`: `screenshots` — the README's pictures, from a realistic session.

mod apt;
mod bench;
mod bundle;
mod chromium;
mod cluster;
mod css;
mod http;
mod nginx;
mod node;
mod pg_server;
mod postgres;
mod redis;
mod redis_server;
mod run;
mod screenshots;
mod shell;
mod test;
mod toolchain;
mod version_stamp;
mod wasm_opt;
mod web;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};

const USAGE: &str = "\
Usage: cargo xtask <command>

Commands:
  build-web [--dev|--names]  build the browser client into web/dist (release profile unless --dev;
                             --names keeps the functions' names, for CPU profiles)
  run [-- <serve args>]      build everything, start `ovaal serve`, create a session, print its links
  cluster [--port N] [--nodes N]
                             PostgreSQL, Redis, 3 nodes and nginx (round robin) on 127.0.0.1:8080
  test                       the full check: fmt, clippy (native and wasm32), web build, all tests
  bench                      both benchmarks below, with their default settings
  bench load [-- <args>]     load benchmark, Ovaal and y-websocket side by side; one run of your own:
                             --rooms N --clients N --seconds N (0: idle) --rate N --preload-kb N
  bench client [-- <args>]   time until interactive, key -> card moved, in Chromium (300 scattered cards;
                             80 cards at 14 seats), against the same cards as a static page: --board scattered|real-size|both --cards N --authors N --runs N
  bench cluster [-- <args>]  the load over several nodes on PostgreSQL and Redis: --nodes N --rooms N --clients N --seconds N --rate N
  screenshots [--out DIR]    the README's screenshots (docs/screenshots) from a realistic session
  help                       this text
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match dispatch(&args) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("\nxtask: error: {err:#}");
            ExitCode::FAILURE
        }
    }
}

fn dispatch(args: &[String]) -> Result<ExitCode> {
    let root = workspace_root()?;
    std::env::set_current_dir(&root)
        .with_context(|| format!("cannot enter the workspace root {}", root.display()))?;
    let (command, rest) = match args.split_first() {
        Some((command, rest)) => (command.as_str(), rest),
        None => {
            print!("{USAGE}");
            bail!("no command given");
        }
    };
    match command {
        "build-web" => {
            match rest {
                [] => web::build_web(&root, true)?,
                [flag] if flag == "--dev" => web::build_web(&root, false)?,
                [flag] if flag == "--names" => web::build_web_with_names(&root)?,
                _ => bail!("unexpected arguments for build-web: {rest:?}\n\n{USAGE}"),
            };
            Ok(ExitCode::SUCCESS)
        }
        "run" => {
            let serve_args = match rest {
                [] => &[][..],
                [sep, serve_args @ ..] if sep == "--" => serve_args,
                _ => bail!(
                    "arguments for the server go after `--`: cargo xtask run -- --bind 0.0.0.0:8080"
                ),
            };
            run::run(&root, serve_args)
        }
        "bench" => {
            let (which, rest) = match rest.split_first() {
                Some((name, rest)) if !name.starts_with('-') => (bench::Which::parse(name)?, rest),
                _ => (bench::Which::Both, rest),
            };
            let bench_args = match rest {
                [] => &[][..],
                [sep, bench_args @ ..] if sep == "--" => bench_args,
                _ => bail!(
                    "arguments for a benchmark go after `--`: cargo xtask bench load -- --rooms 20"
                ),
            };
            bench::bench(&root, which, bench_args)?;
            Ok(ExitCode::SUCCESS)
        }
        "cluster" => cluster::cluster(&root, rest),
        "screenshots" => {
            screenshots::screenshots(&root, rest)?;
            Ok(ExitCode::SUCCESS)
        }
        "test" => {
            if !rest.is_empty() {
                bail!("`test` takes no arguments (got {rest:?}); it always runs the full check");
            }
            test::test(&root)?;
            Ok(ExitCode::SUCCESS)
        }
        "help" | "--help" | "-h" => {
            print!("{USAGE}");
            Ok(ExitCode::SUCCESS)
        }
        other => {
            print!("{USAGE}");
            bail!("unknown command `{other}`")
        }
    }
}

/// The workspace root is this crate's parent directory, known at compile time, so the
/// commands work from any current directory inside the repository.
fn workspace_root() -> Result<PathBuf> {
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let root = manifest_dir
        .parent()
        .context("xtask's manifest directory has no parent")?;
    Ok(root.to_path_buf())
}
