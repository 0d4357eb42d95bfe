//! `cargo xtask run`: from a fresh clone to a board in the browser with one command.
//! Builds the client and the server (release), starts `ovaal serve`, waits for
//! `/healthz`, creates a session and prints its three links, then stays in the
//! foreground until the server exits.
//!
//! Ctrl-C reaches the server directly (it is in our process group); xtask only keeps
//! itself alive meanwhile, so the terminal returns after the server has flushed and
//! exited, with the server's exit status. A SIGTERM sent to xtask alone is passed on.

use std::path::Path;
use std::process::{Child, Command, ExitCode, ExitStatus};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use serde_json::Value;

use crate::shell::{self, announce};
use crate::{http, toolchain, web};

const DEFAULT_BIND: &str = "127.0.0.1:8080";
const HEALTH_DEADLINE: Duration = Duration::from_secs(60);

pub fn run(root: &Path, serve_args: &[String]) -> Result<ExitCode> {
    web::build_web(root, true)?;
    shell::run(
        "Building the server (release)",
        shell::cargo().args(["build", "--release", "-p", "ovaal-server"]),
    )?;
    let binary = toolchain::target_dir()?.join("release").join("ovaal");

    let given_bind = flag_value(serve_args, "--bind");
    let bind = given_bind
        .clone()
        .or_else(|| std::env::var("OVAAL_BIND").ok().filter(|b| !b.is_empty()))
        .unwrap_or_else(|| DEFAULT_BIND.to_string());
    let mut command = Command::new(&binary);
    command.arg("serve").args(serve_args);
    if given_bind.is_none() {
        command.args(["--bind", &bind]);
    }

    let interrupted = Arc::new(AtomicBool::new(false));
    let terminated = Arc::new(AtomicBool::new(false));
    signal_hook::flag::register(signal_hook::consts::SIGINT, Arc::clone(&interrupted))?;
    signal_hook::flag::register(signal_hook::consts::SIGTERM, Arc::clone(&terminated))?;

    announce(&format!(
        "Starting the server ({})",
        shell::display(&command).replace(&binary.display().to_string(), "target/release/ovaal")
    ));
    let mut child = command
        .spawn()
        .with_context(|| format!("cannot start {}", binary.display()))?;

    let address = connect_address(&bind);
    if let Err(err) = wait_healthy(&mut child, &address).and_then(|()| create_session(&address)) {
        let _ = child.kill();
        let _ = child.wait();
        return Err(err);
    }
    let data_dir = flag_value(serve_args, "--data-dir").unwrap_or_else(|| "./data".to_string());
    println!("\n    Stop with Ctrl-C; the board is kept in {data_dir}\n");

    let status = wait_forwarding_sigterm(&mut child, &terminated)?;
    if interrupted.load(Ordering::Relaxed) {
        announce("Interrupted; the server has shut down");
    }
    Ok(exit_code(status))
}

/// The value of `--name X` or `--name=X` among the server arguments.
fn flag_value(args: &[String], name: &str) -> Option<String> {
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        if arg == name {
            return iter.next().cloned();
        }
        if let Some(value) = arg.strip_prefix(name).and_then(|v| v.strip_prefix('=')) {
            return Some(value.to_string());
        }
    }
    None
}

/// Where to connect to reach a server bound to `bind`: a wildcard address is reached
/// over loopback.
fn connect_address(bind: &str) -> String {
    match bind.rsplit_once(':') {
        Some(("0.0.0.0", port)) => format!("127.0.0.1:{port}"),
        Some(("[::]", port)) => format!("[::1]:{port}"),
        _ => bind.to_string(),
    }
}

fn wait_healthy(child: &mut Child, address: &str) -> Result<()> {
    announce(&format!("Waiting for http://{address}/healthz"));
    let deadline = Instant::now() + HEALTH_DEADLINE;
    loop {
        if let Some(status) = child.try_wait()? {
            bail!("the server exited ({status}) before answering /healthz; see its output above");
        }
        let last_error = match http::request(address, "GET", "/healthz", None) {
            Ok(response) if response.status == 200 => return Ok(()),
            Ok(response) => format!("status {}", response.status),
            Err(err) => format!("{err:#}"),
        };
        if Instant::now() >= deadline {
            bail!(
                "the server did not answer /healthz with 200 within {HEALTH_DEADLINE:?} (last: {last_error})"
            );
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Creates a session on the server (or load balancer) at `address` and prints its links.
pub fn create_session(address: &str) -> Result<()> {
    announce("Creating a session (POST /api/sessions)");
    let response = http::request(
        address,
        "POST",
        "/api/sessions",
        Some(r#"{"title":"Ovaal session","method":"free"}"#),
    )?;
    if !(200..300).contains(&response.status) {
        bail!(
            "POST /api/sessions answered {}: {}",
            response.status,
            response.body
        );
    }
    let json: Value = serde_json::from_str(&response.body)
        .with_context(|| format!("POST /api/sessions answered non-JSON: {}", response.body))?;
    println!();
    for (role, label) in [
        ("facilitator", "Facilitator link:"),
        ("participant", "Participant link:"),
        ("observer", "Observer link:"),
        ("room_screen", "Room screen link:"),
    ] {
        let link = find_link(&json, role)
            .map(|link| absolute(&link, address))
            .unwrap_or_else(|| format!("(not in the server's answer: {json})"));
        println!("    {label:<30} {link}");
    }
    Ok(())
}

/// The first URL-like string under a key naming `role`, searched depth-first, so the
/// exact shape of the server's answer (`{"links": {"facilitator": ...}}` or
/// `{"facilitator_url": ...}`) does not matter here.
fn find_link(value: &Value, role: &str) -> Option<String> {
    match value {
        Value::Object(map) => {
            let direct = map
                .iter()
                .filter(|(key, _)| key.to_ascii_lowercase().contains(role))
                .find_map(|(_, item)| first_url(item));
            direct.or_else(|| map.values().find_map(|item| find_link(item, role)))
        }
        Value::Array(items) => items.iter().find_map(|item| find_link(item, role)),
        _ => None,
    }
}

fn first_url(value: &Value) -> Option<String> {
    match value {
        Value::String(s)
            if s.starts_with("http://") || s.starts_with("https://") || s.starts_with('/') =>
        {
            Some(s.clone())
        }
        Value::Object(map) => map.values().find_map(first_url),
        Value::Array(items) => items.iter().find_map(first_url),
        _ => None,
    }
}

fn absolute(link: &str, address: &str) -> String {
    if link.starts_with('/') {
        format!("http://{address}{link}")
    } else {
        link.to_string()
    }
}

fn wait_forwarding_sigterm(child: &mut Child, terminated: &AtomicBool) -> Result<ExitStatus> {
    loop {
        if let Some(status) = child.try_wait()? {
            return Ok(status);
        }
        if terminated.swap(false, Ordering::Relaxed) {
            announce("Passing SIGTERM on to the server");
            let _ = Command::new("kill")
                .args(["-TERM", &child.id().to_string()])
                .status();
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn exit_code(status: ExitStatus) -> ExitCode {
    use std::os::unix::process::ExitStatusExt;
    let code = status
        .code()
        .or_else(|| status.signal().map(|signal| 128 + signal))
        .unwrap_or(1);
    ExitCode::from(u8::try_from(code).unwrap_or(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn reads_flags_in_both_spellings() {
        assert_eq!(
            flag_value(&args(&["--bind", "0.0.0.0:9"]), "--bind").as_deref(),
            Some("0.0.0.0:9")
        );
        assert_eq!(
            flag_value(&args(&["--bind=[::]:9"]), "--bind").as_deref(),
            Some("[::]:9")
        );
        assert_eq!(flag_value(&args(&["--binding", "x"]), "--bind"), None);
    }

    #[test]
    fn wildcard_binds_are_reached_over_loopback() {
        assert_eq!(connect_address("0.0.0.0:8080"), "127.0.0.1:8080");
        assert_eq!(connect_address("[::]:8080"), "[::1]:8080");
        assert_eq!(connect_address("127.0.0.1:8080"), "127.0.0.1:8080");
    }

    #[test]
    fn the_observers_and_the_room_screen_are_told_apart() {
        let created: Value = serde_json::json!({
            "links": {
                "facilitator": "http://h/s/abc#token=f",
                "participant": "http://h/s/abc#token=p",
                "observer": "http://h/s/abc#token=o",
                "room_screen": "http://h/s/abc#token=r&join=K7PM4QXA"
            }
        });
        assert_eq!(
            find_link(&created, "observer").as_deref(),
            Some("http://h/s/abc#token=o")
        );
        assert_eq!(
            find_link(&created, "room_screen").as_deref(),
            Some("http://h/s/abc#token=r&join=K7PM4QXA")
        );
    }

    #[test]
    fn finds_links_whatever_the_shape() {
        let nested: Value = serde_json::json!({
            "id": "abc",
            "links": {
                "facilitator": "/s/abc#f=1",
                "participant": {"url": "http://h/s/abc#p=2"},
                "observer_url": "/s/abc#o=3"
            }
        });
        assert_eq!(
            find_link(&nested, "facilitator").as_deref(),
            Some("/s/abc#f=1")
        );
        assert_eq!(
            find_link(&nested, "participant").as_deref(),
            Some("http://h/s/abc#p=2")
        );
        assert_eq!(
            find_link(&nested, "observer").as_deref(),
            Some("/s/abc#o=3")
        );
        assert_eq!(
            absolute("/s/abc", "127.0.0.1:8080"),
            "http://127.0.0.1:8080/s/abc"
        );
    }
}
