//! The end of a session: ending makes it read-only (still readable), deleting removes
//! every trace of it from the store's files, and a backup can be taken while the
//! server runs.

use std::time::Duration;

use ovaal_shared::DocName;
use ovaal_shared::board::facilitation::{read_facilitation, write_locked};
use ovaal_shared::board::{CardKind, Method};
use ovaal_shared::permissions::Refusal;
use ovaal_shared::protocol::ErrorCode;
use ovaal_tests::http::{get, with_token};
use ovaal_tests::server::create_session_at;
use ovaal_tests::server_process::{ServerProcess, free_addr, ovaal_binary};
use ovaal_tests::{ProtocolClient, TestServer};

fn bearer(token: &str) -> String {
    format!("Bearer {token}")
}

fn files_contain(dir: &std::path::Path, needle: &str) -> bool {
    ["ovaal.db", "ovaal.db-wal"].iter().any(|file| {
        std::fs::read(dir.join(file))
            .map(|bytes| bytes.windows(needle.len()).any(|w| w == needle.as_bytes()))
            .unwrap_or(false)
    })
}

#[tokio::test]
async fn an_ended_session_is_read_only_but_still_opens() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let session = server.create_session("Afgerond").await?;
    let url = server.ws_url(&session.id);
    let mut facilitator = ProtocolClient::connect(&url, &session.facilitator).await?;
    let mut anna = ProtocolClient::connect(&url, &session.participant).await?;
    anna.add_card(CardKind::Insight, "wat ik meeneem").await?;
    anna.round_trip().await?;
    let end = format!("/api/sessions/{}/end", session.id);

    let by_participant = with_token(server.addr, "POST", &end, &session.participant, &[]).await?;
    assert_eq!(by_participant.status, 403);
    let ended = with_token(server.addr, "POST", &end, &session.facilitator, &[]).await?;
    assert_eq!(ended.status, 204);

    // Everyone's board learns it has ended.
    for client in [&mut facilitator, &mut anna] {
        client
            .wait_until("the end of the session", |c| {
                c.docs
                    .get(&DocName::Control)
                    .is_some_and(|d| read_facilitation(d).ended)
            })
            .await?;
    }
    // Nobody writes any more, the facilitator neither.
    let before = anna.refusals.len();
    anna.add_card(CardKind::Insight, "te laat").await?;
    anna.wait_until("a refusal", |c| c.refusals.len() > before)
        .await?;
    assert_eq!(anna.refusals[before].1, Refusal::SessionEnded.code());
    let before = facilitator.refusals.len();
    facilitator
        .edit(&DocName::Control, |d| write_locked(d, true))
        .await?;
    facilitator
        .wait_until("a refusal", |c| c.refusals.len() > before)
        .await?;
    assert_eq!(facilitator.refusals[before].1, Refusal::SessionEnded.code());

    // The links still open it for reading, also after a restart.
    let info = get(
        server.addr,
        &format!("/api/sessions/{}", session.id),
        &[("Authorization", &bearer(&session.participant))],
    )
    .await?;
    assert!(info.json()?["ended_ms"].as_i64().is_some());
    drop((facilitator, anna));
    let data = server.stop().await?.expect("temporary data dir");
    let server = TestServer::start_in(data.path(), ovaal_server::Limits::default()).await?;
    let mut reader =
        ProtocolClient::connect(&server.ws_url(&session.id), &session.participant).await?;
    reader
        .wait_until("the board", |c| c.all_card_texts() == ["wat ik meeneem"])
        .await?;
    let before = reader.refusals.len();
    reader.add_card(CardKind::Insight, "na de herstart").await?;
    reader
        .wait_until("a refusal after restart", |c| c.refusals.len() > before)
        .await?;
    assert_eq!(reader.refusals[before].1, Refusal::SessionEnded.code());
    Ok(())
}

#[tokio::test]
async fn deleting_a_session_leaves_nothing_in_the_store() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let session = server.create_session("Vertrouwelijk").await?;
    let keep = server.create_session("Blijft").await?;
    let url = server.ws_url(&session.id);
    let secret = "ZEER-VERTROUWELIJK-7f3a9c";
    let mut anna = ProtocolClient::connect(&url, &session.participant).await?;
    anna.add_card(CardKind::Case, secret).await?;
    anna.wait_stored().await?;
    let mut other = ProtocolClient::connect(&server.ws_url(&keep.id), &keep.participant).await?;
    other.add_card(CardKind::Theme, "andere sessie").await?;
    other.wait_stored().await?;
    assert!(
        files_contain(&server.data_dir, secret),
        "the card should be stored before deleting"
    );

    let path = format!("/api/sessions/{}", session.id);
    let by_participant =
        with_token(server.addr, "DELETE", &path, &session.participant, &[]).await?;
    assert_eq!(by_participant.status, 403);
    let deleted = with_token(server.addr, "DELETE", &path, &session.facilitator, &[]).await?;
    assert_eq!(deleted.status, 204);
    let closed = anna.wait_closed().await?;
    assert_eq!(closed.error.map(|e| e.0), Some(ErrorCode::UnknownSession));
    let gone = get(
        server.addr,
        &path,
        &[("Authorization", &bearer(&session.facilitator))],
    )
    .await?;
    assert_eq!(gone.status, 404);
    assert!(
        ProtocolClient::connect(&url, &session.participant)
            .await
            .is_err()
    );

    let data = server.stop().await?.expect("temporary data dir");
    assert!(
        !files_contain(data.path(), secret),
        "the deleted card's text is still in the store's files"
    );
    assert!(
        !files_contain(data.path(), session.id.as_str()),
        "the deleted session's id is still in the store"
    );
    // The other session is untouched.
    let server = TestServer::start_in(data.path(), ovaal_server::Limits::default()).await?;
    let mut back = ProtocolClient::connect(&server.ws_url(&keep.id), &keep.observer).await?;
    back.wait_until("the other session", |c| {
        c.all_card_texts() == ["andere sessie"]
    })
    .await?;
    Ok(())
}

#[tokio::test]
async fn a_backup_taken_while_running_holds_the_board() -> anyhow::Result<()> {
    let binary = ovaal_binary()?;
    let data = tempfile::tempdir()?;
    let addr = free_addr()?;
    let _server = ServerProcess::start(&binary, addr, data.path(), &[]).await?;
    let session = create_session_at(addr, "Back-up", Method::Free).await?;
    let (id, token) = (&session.id, &session.participant);
    let url = ovaal_tests::server::ws_url_at(addr, id);
    let mut anna = ProtocolClient::connect(&url, token).await?;
    for i in 0..10 {
        anna.add_card(CardKind::Theme, &format!("thema {i}"))
            .await?;
    }
    anna.wait_stored().await?;

    let copy_dir = tempfile::tempdir()?;
    let copy = copy_dir.path().join("ovaal.db");
    let status = std::process::Command::new(&binary)
        .arg("backup")
        .arg(&copy)
        .arg("--data-dir")
        .arg(data.path())
        .status()?;
    assert!(status.success(), "ovaal backup failed: {status}");
    // Backing up onto an existing file is refused.
    let again = std::process::Command::new(&binary)
        .arg("backup")
        .arg(&copy)
        .arg("--data-dir")
        .arg(data.path())
        .output()?;
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));

    // A server on the copy has the whole board.
    let copy_addr = free_addr()?;
    let _copy_server = ServerProcess::start(&binary, copy_addr, copy_dir.path(), &[]).await?;
    let mut reader =
        ProtocolClient::connect(&format!("ws://{copy_addr}/api/sessions/{id}/ws"), token).await?;
    reader
        .wait_until("all ten cards", |c| c.all_card_texts().len() == 10)
        .await?;
    reader.drain_for(Duration::from_millis(50)).await?;
    Ok(())
}
