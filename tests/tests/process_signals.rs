//! The real `ovaal` process stops on SIGTERM and on Ctrl-C (SIGINT) without losing an
//! edit: it tells connected clients why, stores everything, exits cleanly, and the board
//! is back after a restart.

use std::time::Duration;

use ovaal_shared::board::{CardKind, Method};
use ovaal_shared::protocol::ErrorCode;
use ovaal_tests::ProtocolClient;
use ovaal_tests::server::create_session_at;
use ovaal_tests::server_process::{ServerProcess, free_addr, ovaal_binary};

async fn survives(signal: &str) -> anyhow::Result<()> {
    let binary = ovaal_binary()?;
    let data = tempfile::tempdir()?;
    let addr = free_addr()?;
    let mut server = ServerProcess::start(&binary, addr, data.path(), &[]).await?;
    let session = create_session_at(addr, "Signalen", Method::Free).await?;
    let (id, token) = (&session.id, &session.participant);
    let url = ovaal_tests::server::ws_url_at(addr, id);
    let mut anna = ProtocolClient::connect(&url, token).await?;
    let mut texts = Vec::new();
    for i in 0..20 {
        let text = format!("kaart {i} voor {signal}");
        anna.add_card(CardKind::Theme, &text).await?;
        texts.push(text);
    }
    // No round trip: the signal arrives while the cards may still be in flight.
    server.signal(signal)?;
    let closed = anna.wait_closed().await?;
    assert_eq!(closed.error.map(|e| e.0), Some(ErrorCode::ShuttingDown));
    let status = server.wait_exit(Duration::from_secs(30)).await?;
    assert!(
        status.success(),
        "ovaal exited with {status} on SIG{signal}"
    );

    let _server = ServerProcess::start(&binary, addr, data.path(), &[]).await?;
    let mut back = ProtocolClient::connect(&url, token).await?;
    back.wait_until("every card written before the signal", |c| {
        c.all_card_texts().len() == 20
    })
    .await?;
    texts.sort();
    assert_eq!(back.all_card_texts(), texts);
    Ok(())
}

#[tokio::test]
async fn sigterm_stores_everything_and_exits_cleanly() -> anyhow::Result<()> {
    survives("TERM").await
}

#[tokio::test]
async fn ctrl_c_stores_everything_and_exits_cleanly() -> anyhow::Result<()> {
    survives("INT").await
}
