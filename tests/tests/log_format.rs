//! The log through a pipe, as a service manager or a log collector reads it: no
//! colour codes in text mode, one JSON object per line with a level and a message in
//! `--log-format json`, and in neither any card text.

use std::io::Read;
use std::process::{Child, Command, Stdio};
use std::thread::JoinHandle;
use std::time::Duration;

use ovaal_shared::board::{CardKind, Method};
use ovaal_tests::server::{create_session_at, ws_url_at};
use ovaal_tests::server_process::{free_addr, ovaal_binary};
use ovaal_tests::{ProtocolClient, wait};

const SECRET: &str = "VERTROUWELIJK-logkaart-9127";

/// Runs a server with both outputs piped, writes a card, stops it with SIGTERM and
/// returns everything it wrote.
async fn piped_log(extra: &[&str], env: &[(&str, &str)]) -> anyhow::Result<String> {
    let binary = ovaal_binary()?;
    let data = tempfile::tempdir()?;
    let addr = free_addr()?;
    let mut child = Command::new(&binary)
        .args(["serve", "--bind", &addr.to_string()])
        .arg("--data-dir")
        .arg(data.path())
        .args(extra)
        .envs(env.iter().copied())
        // Debug: more events, including the ones about writes.
        .env("RUST_LOG", "ovaal_server=debug,info")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    let stdout = drain(child.stdout.take());
    let stderr = drain(child.stderr.take());
    let result = use_server(addr).await;
    stop(&mut child)?;
    let mut log = join(stdout)?;
    log.push_str(&join(stderr)?);
    result?;
    Ok(log)
}

async fn use_server(addr: std::net::SocketAddr) -> anyhow::Result<()> {
    wait::until("the server to answer /healthz", || async {
        ovaal_tests::http::get(addr, "/healthz", &[])
            .await
            .ok()
            .filter(|r| r.status == 200)
    })
    .await?;
    let session = create_session_at(addr, "Logboek", Method::Free).await?;
    let url = ws_url_at(addr, &session.id);
    let mut anna = ProtocolClient::connect(&url, &session.participant).await?;
    anna.add_card(CardKind::Case, SECRET).await?;
    anna.wait_stored().await?;
    // A refused write logs too.
    let mut observer = ProtocolClient::connect(&url, &session.observer).await?;
    let own = observer.my_doc_name();
    observer.add_card_to(&own, CardKind::Advice, SECRET).await?;
    observer
        .wait_until("the refusal", |c| !c.refusals.is_empty())
        .await?;
    Ok(())
}

fn drain(pipe: Option<impl Read + Send + 'static>) -> JoinHandle<std::io::Result<String>> {
    std::thread::spawn(move || {
        let mut text = String::new();
        if let Some(mut pipe) = pipe {
            pipe.read_to_string(&mut text)?;
        }
        Ok(text)
    })
}

fn join(reader: JoinHandle<std::io::Result<String>>) -> anyhow::Result<String> {
    reader
        .join()
        .map_err(|_| anyhow::anyhow!("the log reader panicked"))?
        .map_err(Into::into)
}

fn stop(child: &mut Child) -> anyhow::Result<()> {
    let status = Command::new("kill")
        .args(["-s", "TERM", &child.id().to_string()])
        .status()?;
    anyhow::ensure!(status.success(), "kill failed");
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    while child.try_wait()?.is_none() {
        if std::time::Instant::now() > deadline {
            child.kill()?;
            anyhow::bail!("the server did not exit after SIGTERM");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    Ok(())
}

fn assert_no_secret(log: &str) {
    assert!(!log.contains(SECRET), "card text in the log:\n{log}");
}

#[tokio::test]
async fn text_log_through_a_pipe_has_no_colour_codes() -> anyhow::Result<()> {
    let log = piped_log(&[], &[]).await?;
    assert!(
        log.contains("connected"),
        "the log is missing events:\n{log}"
    );
    assert!(log.contains("INFO"), "no levels in the text log:\n{log}");
    assert!(
        !log.contains("\x1b["),
        "colour codes in a piped log:\n{log:?}"
    );
    assert_no_secret(&log);
    Ok(())
}

#[tokio::test]
async fn json_log_is_one_object_per_line_with_level_and_message() -> anyhow::Result<()> {
    // Once by flag, once by environment variable.
    for (extra, env) in [
        (&["--log-format", "json"][..], &[][..]),
        (&[][..], &[("OVAAL_LOG_FORMAT", "json")][..]),
    ] {
        let log = piped_log(extra, env).await?;
        assert!(!log.contains("\x1b["), "colour codes in the JSON log");
        assert_no_secret(&log);
        let mut messages = Vec::new();
        // Every line, the banner for people included (it is left out in JSON).
        for line in log.lines().filter(|l| !l.trim().is_empty()) {
            let event: serde_json::Value = serde_json::from_str(line)
                .map_err(|e| anyhow::anyhow!("not JSON ({e}): {line}"))?;
            let level = event["level"].as_str().unwrap_or_default();
            assert!(
                ["TRACE", "DEBUG", "INFO", "WARN", "ERROR"].contains(&level),
                "no level: {line}"
            );
            let message = event["fields"]["message"]
                .as_str()
                .ok_or_else(|| anyhow::anyhow!("no message: {line}"))?;
            messages.push(message.to_owned());
        }
        for expected in ["Ovaal is listening", "connected", "write refused"] {
            assert!(
                messages.iter().any(|m| m == expected),
                "no {expected:?} event among {messages:?}"
            );
        }
    }
    Ok(())
}
