//! A client that stops reading is detected and dropped with a reason (it reconnects
//! and resyncs) instead of silently missing updates; the others are not held up.

use ovaal_server::Limits;
use ovaal_server::config::Rate;
use ovaal_shared::protocol::ErrorCode;
use ovaal_tests::{ProtocolClient, TestServer};
use yrs::Map;

#[tokio::test]
async fn a_client_that_stops_reading_is_dropped_not_left_behind() -> anyhow::Result<()> {
    let limits = Limits {
        outbound_queue: 16,
        // The writer floods on purpose, faster than a person's write rate allows.
        write_rate: Rate {
            burst: 1000,
            per_second: 1000,
        },
        ..Limits::default()
    };
    let server = TestServer::start_with(limits).await?;
    let session = server.create_session("Traag").await?;
    let url = server.ws_url(&session.id);
    let mut sleeper = ProtocolClient::connect(&url, &session.observer).await?;
    let mut reader = ProtocolClient::connect(&url, &session.observer).await?;
    let mut writer = ProtocolClient::connect(&url, &session.participant).await?;
    let mine = writer.my_doc_name();

    // 400 updates of ~40 kB: far more than the socket buffers and the sleeper's queue.
    let blob = "x".repeat(40_000);
    for i in 0..400 {
        let value = format!("{i}{blob}");
        writer
            .edit(&mine, |doc| {
                doc.get_or_insert_map("bench").insert(
                    &mut yrs::Transact::transact_mut(doc),
                    "v",
                    value,
                );
            })
            .await?;
        // The attentive reader keeps up.
        reader
            .pump_once(std::time::Duration::from_millis(1))
            .await?;
    }
    let last = format!("399{blob}");
    reader
        .wait_until("the last update", |c| {
            c.docs.get(&mine).is_some_and(|d| {
                let map = d.get_or_insert_map("bench");
                let txn = yrs::Transact::transact(d);
                map.get(&txn, "v").map(|v| v.to_string(&txn)) == Some(last.clone())
            })
        })
        .await?;

    // The sleeper wakes up: it finds what was queued, then the reason it was dropped.
    let closed = sleeper.wait_closed().await?;
    assert_eq!(closed.error.map(|e| e.0), Some(ErrorCode::TooSlow));
    assert_eq!(closed.close_code, Some(ErrorCode::TooSlow.close_code()));

    // Reconnecting resyncs it completely.
    let mut again = ProtocolClient::connect(&url, &session.observer).await?;
    again
        .wait_until("the resynced document", |c| {
            c.state_of(&mine) == writer.state_of(&mine)
        })
        .await?;
    Ok(())
}
