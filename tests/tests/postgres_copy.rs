//! `ovaal copy` moves an embedded store into PostgreSQL: every session's JSON export
//! is the same before (SQLite) and after (PostgreSQL), links and keys still work, and
//! a second copy into the same database is refused.

use std::process::Command;

use anyhow::Context;
use ovaal_server::Limits;

use ovaal_server::storage::Storage;
use ovaal_server::storage::sqlite::SqliteStorage;
use ovaal_shared::board::CardKind;
use ovaal_tests::harvest_fixture::incident_session;
use ovaal_tests::http::with_token;
use ovaal_tests::postgres::TestPostgres;
use ovaal_tests::server_process::{ServerProcess, free_addr, ovaal_binary};
use ovaal_tests::{ProtocolClient, SessionLinks, TestServer};

/// The facilitator's JSON export, without the moment it was made.
async fn export_json(
    addr: std::net::SocketAddr,
    s: &SessionLinks,
) -> anyhow::Result<serde_json::Value> {
    let path = format!("/api/sessions/{}/export.json", s.id);
    let r = with_token(addr, "GET", &path, &s.facilitator, &[]).await?;
    anyhow::ensure!(r.status == 200, "export of {}: {}", s.id, r.status);
    let mut json = r.json()?;
    json.as_object_mut()
        .and_then(|o| o.remove("exported_at"))
        .context("no exported_at in the export")?;
    Ok(json)
}

#[tokio::test]
async fn a_copied_store_exports_the_same_sessions() -> anyhow::Result<()> {
    let pg = TestPostgres::start()?;
    let url = pg.create_database()?;
    let binary = ovaal_binary()?;

    // The source: a full incident session and a small one, on SQLite.
    let board = incident_session().await?;
    let small = board.server.create_session("Tweede").await?;
    let mut anna =
        ProtocolClient::connect(&board.server.ws_url(&small.id), &small.participant).await?;
    anna.add_card(CardKind::Theme, "Overgebracht").await?;
    anna.wait_stored().await?;
    drop(anna);
    let data = board
        .server
        .stop()
        .await?
        .expect("a temporary data directory");
    // A snapshot as well as updates in the source.
    SqliteStorage::open(data.path())?.compact(&small.id)?;
    // The exports as the stopped store has them (everyone has left).
    let sessions = [board.session.clone(), small.clone()];
    let source = TestServer::start_in(data.path(), Limits::default()).await?;
    let mut before = Vec::new();
    for s in &sessions {
        before.push(export_json(source.addr, s).await?);
    }
    source.stop().await?;

    let copy = |expect_success: bool| -> anyhow::Result<String> {
        let out = Command::new(&binary)
            .args(["copy", "--from"])
            .arg(data.path())
            .args(["--to", &url])
            .output()?;
        anyhow::ensure!(
            out.status.success() == expect_success,
            "ovaal copy: {}\n{}{}",
            out.status,
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        Ok(format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ))
    };
    let said = copy(true)?;
    assert!(said.contains("[2/2]"), "no progress shown: {said}");
    assert!(said.contains("2 sessions copied"), "{said}");
    // Again into the same database: refused, with the reason.
    let said = copy(false)?;
    assert!(said.contains("already holds 2"), "{said}");

    let addr = free_addr()?;
    let unused = tempfile::tempdir()?;
    let _server =
        ServerProcess::start(&binary, addr, unused.path(), &["--database-url", &url]).await?;
    for (s, before) in sessions.iter().zip(&before) {
        let after = export_json(addr, s).await?;
        assert_eq!(&after, before, "the export of {} changed", s.id);
    }
    // The participant link and its participant's key still let Anna in as herself.
    let ws = ovaal_tests::server::ws_url_at(addr, &small.id);
    let mut observer = ProtocolClient::connect(&ws, &small.observer).await?;
    observer
        .wait_until("Anna's card", |c| {
            c.all_card_texts() == ["Overgebracht".to_owned()]
        })
        .await?;
    let visits = pg.query(&url, "SELECT COUNT(*) FROM attendance")?;
    assert_ne!(visits, "0", "attendance was not copied");

    // `ovaal export --database-url` reads the same harvest from PostgreSQL as the
    // running node's HTTP export (now with the observer's visit in the attendance).
    for s in &sessions {
        let served = export_json(addr, s).await?;
        let out = Command::new(&binary)
            .args(["export", &s.id.to_string(), "--format", "json"])
            .args(["--database-url", &url])
            .output()?;
        anyhow::ensure!(
            out.status.success(),
            "ovaal export: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let mut exported: serde_json::Value = serde_json::from_slice(&out.stdout)?;
        exported
            .as_object_mut()
            .and_then(|o| o.remove("exported_at"))
            .context("no exported_at in the export")?;
        assert_eq!(exported, served, "ovaal export of {} differs", s.id);
    }
    Ok(())
}
