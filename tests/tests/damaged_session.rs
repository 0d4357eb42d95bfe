//! A session whose stored data is damaged stays alone with its fault: joining it is
//! refused with `SessionDamaged`, exporting it answers `session_damaged`, and the
//! server and every other session carry on.

use ovaal_server::Limits;
use ovaal_shared::board::CardKind;
use ovaal_shared::protocol::ErrorCode;
use ovaal_tests::client::new_identity;
use ovaal_tests::http::{get, post_json, with_token};
use ovaal_tests::{ProtocolClient, SessionLinks, TestServer};

/// Overwrites every stored update and snapshot of a session with bytes that do not
/// decode, as a bad disk or a bad manual edit would.
fn damage(data_dir: &std::path::Path, session: &SessionLinks) -> anyhow::Result<()> {
    let db = rusqlite::Connection::open(data_dir.join("ovaal.db"))?;
    let garbage = vec![0xff_u8; 16];
    let mut rows = 0;
    for table in ["updates", "snapshots"] {
        rows += db.execute(
            &format!("UPDATE {table} SET data = ?1 WHERE session_id = ?2"),
            rusqlite::params![garbage, session.id.as_str()],
        )?;
    }
    anyhow::ensure!(rows > 0, "the session has no stored rows to damage");
    Ok(())
}

async fn export_status(
    server: &TestServer,
    s: &SessionLinks,
    ext: &str,
) -> anyhow::Result<(u16, serde_json::Value)> {
    let path = format!("/api/sessions/{}/export.{ext}", s.id);
    let response = with_token(server.addr, "GET", &path, &s.facilitator, &[]).await?;
    let json = if response.status == 200 {
        serde_json::Value::Null
    } else {
        response.json()?
    };
    Ok((response.status, json))
}

#[tokio::test]
async fn a_damaged_session_is_refused_and_the_others_carry_on() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let damaged = server.create_session("Beschadigd").await?;
    let healthy = server.create_session("Gezond").await?;
    for s in [&damaged, &healthy] {
        let mut f = ProtocolClient::connect(&server.ws_url(&s.id), &s.facilitator).await?;
        f.add_card(CardKind::Theme, "een thema").await?;
        f.wait_stored().await?;
    }
    let data = server.stop().await?.expect("temporary data dir");
    damage(data.path(), &damaged)?;

    let server = TestServer::start_in(data.path(), Limits::default()).await?;
    let (id, key) = new_identity();
    let url = server.ws_url(&damaged.id);
    for _ in 0..2 {
        // The first join finds the damage while loading, the second the quarantine.
        let refused = ProtocolClient::try_connect_as(&url, &damaged.facilitator, id.clone(), &key);
        let Err((code, reason)) = refused.await? else {
            anyhow::bail!("a damaged session was joined");
        };
        assert_eq!(code, ErrorCode::SessionDamaged, "{reason}");
        assert!(!code.is_retryable());
    }
    for ext in ["json", "md", "pdf"] {
        let (status, json) = export_status(&server, &damaged, ext).await?;
        assert_eq!(status, 500, "{ext}: {json}");
        assert_eq!(json["error"]["code"], "session_damaged", "{ext}");
    }

    // The other session loads, syncs, stores and exports.
    let healthy_url = server.ws_url(&healthy.id);
    let mut f = ProtocolClient::connect(&healthy_url, &healthy.facilitator).await?;
    let mut p = ProtocolClient::connect(&healthy_url, &healthy.participant).await?;
    f.wait_until("the stored card", |c| c.all_card_texts().len() == 1)
        .await?;
    p.add_card(CardKind::Question, "een vraag").await?;
    p.wait_stored().await?;
    f.wait_until("the new card", |c| c.all_card_texts().len() == 2)
        .await?;
    assert_eq!(export_status(&server, &healthy, "md").await?.0, 200);

    // The server as a whole is fine, and new sessions are created.
    let health = get(server.addr, "/healthz", &[]).await?;
    assert_eq!(health.status, 200);
    assert_eq!(health.json()?["quarantined_sessions"], 1);
    let body = serde_json::json!({ "title": "Nieuw", "method": "free" });
    assert_eq!(
        post_json(server.addr, "/api/sessions", &body).await?.status,
        201
    );
    Ok(())
}
