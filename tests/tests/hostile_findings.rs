//! The trust boundary's findings, each replayed over a real WebSocket against a real
//! `ovaal` process by someone holding only a participant link. Each write is refused
//! with a documented code, and afterwards the server is still up, still stores and
//! still exports — also after the room was compacted and after a restart.

use std::path::Path;
use std::time::Duration;

use ovaal_shared::board::Method;
use ovaal_shared::board::schema::SchemaError;
use ovaal_shared::update::UpdateError;
use ovaal_tests::ProtocolClient;
use ovaal_tests::hostile::{hex, still_stores_and_exports};
use ovaal_tests::server::create_session_at;
use ovaal_tests::server_process::{ServerProcess, free_addr, ovaal_binary};

/// A struct at clock u32::MAX; twice, it corrupted yrs' memory (SIGSEGV on export).
const CLOCK_AT_THE_END: &str =
    "010201ffffffff0f270105636172647308636172643030303101280001ffffffff0f04746578740177017800";
/// Acknowledged once, it made compaction panic on the storage thread for good.
const BREAKS_COMPACTION: &str = "010282f1c7c20600040101740461626361626323010563617264730e6c374d674f626147476333745167000182f1c7c206010002";

const MALFORMED: u32 = 20;

fn malformed_code() -> u32 {
    SchemaError::Malformed(UpdateError::ClockOverflow).code()
}

async fn wait_for_line(log: &Path, needle: &str) -> anyhow::Result<()> {
    ovaal_tests::wait::until(&format!("{needle:?} in the server log"), || async {
        std::fs::read_to_string(log)
            .ok()
            .filter(|text| text.contains(needle))
    })
    .await?;
    Ok(())
}

#[tokio::test]
async fn a_struct_at_the_last_clock_is_refused_and_export_still_works() -> anyhow::Result<()> {
    assert_eq!(malformed_code(), MALFORMED);
    let binary = ovaal_binary()?;
    let data = tempfile::tempdir()?;
    let addr = free_addr()?;
    let mut server = ServerProcess::start(&binary, addr, data.path(), &[]).await?;
    let session = create_session_at(addr, "Klok", Method::Incident).await?;
    let url = ovaal_tests::server::ws_url_at(addr, &session.id);
    let mut mallory = ProtocolClient::connect(&url, &session.participant).await?;
    let own = mallory.my_doc_name();
    for n in 1..=2 {
        mallory.send_update(&own, hex(CLOCK_AT_THE_END)).await?;
        assert_eq!(mallory.refusal(n).await?, MALFORMED);
    }
    mallory.wait_stored().await?;
    still_stores_and_exports(addr, &session).await?;

    // The store itself is sound: `ovaal export` reads it after a clean stop.
    server.signal("TERM")?;
    assert!(server.wait_exit(Duration::from_secs(30)).await?.success());
    let output = tokio::process::Command::new(&binary)
        .args([
            "export",
            session.id.as_str(),
            "--format",
            "json",
            "--data-dir",
        ])
        .arg(data.path())
        .output()
        .await?;
    assert!(
        output.status.success(),
        "ovaal export failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    Ok(())
}

#[tokio::test]
async fn an_update_that_broke_compaction_is_refused_and_storage_carries_on() -> anyhow::Result<()> {
    let binary = ovaal_binary()?;
    let data = tempfile::tempdir()?;
    let addr = free_addr()?;
    let log = data.path().join("server.log");
    let grace = ["--room-grace-secs", "1"];
    let filter = "warn,ovaal_server::storage=debug,ovaal_server::room=debug";
    let mut server =
        ServerProcess::start_logging(&binary, addr, data.path(), &grace, filter, Some(&log))
            .await?;
    let session = create_session_at(addr, "Compactie", Method::Free).await?;
    let url = ovaal_tests::server::ws_url_at(addr, &session.id);
    let mut mallory = ProtocolClient::connect(&url, &session.participant).await?;
    let own = mallory.my_doc_name();
    mallory.send_update(&own, hex(BREAKS_COMPACTION)).await?;
    assert_eq!(mallory.refusal(1).await?, MALFORMED);
    still_stores_and_exports(addr, &session).await?;
    drop(mallory);
    // Everyone has left: the room unloads and the session is compacted.
    wait_for_line(&log, "session compacted").await?;
    assert!(!std::fs::read_to_string(&log)?.contains("panicked"));
    let other = create_session_at(addr, "Daarna", Method::Free).await?;
    still_stores_and_exports(addr, &other).await?;
    still_stores_and_exports(addr, &session).await?;

    // And after a restart.
    server.signal("TERM")?;
    assert!(server.wait_exit(Duration::from_secs(30)).await?.success());
    let _server = ServerProcess::start(&binary, addr, data.path(), &grace).await?;
    still_stores_and_exports(addr, &session).await?;
    create_session_at(addr, "Na de herstart", Method::Free).await?;
    Ok(())
}
