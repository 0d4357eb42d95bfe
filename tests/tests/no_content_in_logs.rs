//! Intervision content is confidential: no card text appears in the server's logs, at
//! any log level — not even with `RUST_LOG=trace`, where libraries log raw frames.

use ovaal_shared::board::{CardKind, Method};
use ovaal_tests::ProtocolClient;
use ovaal_tests::server::create_session_at;
use ovaal_tests::server_process::{ServerProcess, free_addr, ovaal_binary};

#[tokio::test]
async fn card_text_never_reaches_the_log_even_at_trace_level() -> anyhow::Result<()> {
    let binary = ovaal_binary()?;
    let data = tempfile::tempdir()?;
    let log = data.path().join("server.log");
    let addr = free_addr()?;
    let mut server =
        ServerProcess::start_logging(&binary, addr, data.path(), &[], "trace", Some(&log)).await?;
    let session = create_session_at(addr, "Geheim", Method::Free).await?;
    let (id, token) = (&session.id, &session.participant);
    let url = ovaal_tests::server::ws_url_at(addr, id);
    let secret = "GEHEIM-kaarttekst-4411";
    let mut anna = ProtocolClient::connect(&url, token).await?;
    let mut bram = ProtocolClient::connect(&url, token).await?;
    anna.join_table("Anna Geheimnaam", 1).await?;
    anna.add_card(CardKind::Case, secret).await?;
    anna.wait_stored().await?;
    bram.wait_until("the card", |c| c.all_card_texts() == [secret])
        .await?;
    server.signal("TERM")?;
    server.wait_exit(std::time::Duration::from_secs(30)).await?;

    let logged = std::fs::read(&log)?;
    assert!(
        logged.len() > 1000,
        "the trace log is suspiciously short ({} bytes): is logging on?",
        logged.len()
    );
    for needle in [secret, "Anna Geheimnaam"] {
        assert!(
            !logged.windows(needle.len()).any(|w| w == needle.as_bytes()),
            "{needle:?} appears in the server log"
        );
    }
    Ok(())
}
