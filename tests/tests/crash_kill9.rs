//! `kill -9` in the middle of a busy session: every update the server acknowledged is
//! there after the restart, and once the clients reconnect (sending what the server
//! had not stored) every board equals the union of everyone's work.

use std::time::Duration;

use ovaal_shared::board::{CardKind, Method};
use ovaal_tests::ProtocolClient;
use ovaal_tests::server::create_session_at;
use ovaal_tests::server_process::{ServerProcess, free_addr, ovaal_binary};

const WRITERS: usize = 4;
const ONLINE: usize = 40;
const OFFLINE: usize = 5;

#[tokio::test]
async fn kill_dash_nine_loses_no_acknowledged_update() -> anyhow::Result<()> {
    let binary = ovaal_binary()?;
    let data = tempfile::tempdir()?;
    let addr = free_addr()?;
    let mut server = ServerProcess::start(&binary, addr, data.path(), &[]).await?;
    let session = create_session_at(addr, "Crash", Method::Free).await?;
    let id = &session.id;
    let url = ovaal_tests::server::ws_url_at(addr, id);
    let mut writers = Vec::new();
    for _ in 0..WRITERS {
        writers.push(ProtocolClient::connect(&url, &session.participant).await?);
    }

    // Busy: everyone writes, nobody waits for anything.
    let mut written: Vec<Vec<String>> = vec![Vec::new(); WRITERS];
    for round in 0..ONLINE {
        for (w, writer) in writers.iter_mut().enumerate() {
            let text = format!("schrijver {w} kaart {round}");
            writer.add_card(CardKind::Theme, &text).await?;
            written[w].push(text);
            writer.pump_once(Duration::ZERO).await?;
        }
    }
    // Take in whatever acknowledgements have arrived by now, then crash.
    for writer in writers.iter_mut() {
        writer.drain_for(Duration::from_millis(5)).await?;
    }
    server.signal("KILL")?;
    server.wait_exit(Duration::from_secs(10)).await?;
    let acknowledged: Vec<Vec<String>> = writers
        .iter()
        .zip(&written)
        .map(|(writer, texts)| texts[..usize::try_from(writer.writes_stored).unwrap()].to_vec())
        .collect();
    let total_acked: usize = acknowledged.iter().map(Vec::len).sum();
    println!(
        "{total_acked} of {} cards acknowledged before kill -9",
        WRITERS * ONLINE
    );

    // Work goes on offline.
    for (w, writer) in writers.iter_mut().enumerate() {
        for i in 0..OFFLINE {
            let text = format!("schrijver {w} offline {i}");
            writer.add_card_offline(CardKind::Question, &text)?;
            written[w].push(text);
        }
    }

    // Restart. Before anyone reconnects, every acknowledged card is there.
    let _server = ServerProcess::start(&binary, addr, data.path(), &[]).await?;
    let mut observer = ProtocolClient::connect(&url, &session.observer).await?;
    observer.round_trip().await?;
    let mut expected_acked: Vec<String> = acknowledged.concat();
    expected_acked.sort();
    observer
        .wait_until("every acknowledged card", |c| {
            let seen = c.all_card_texts();
            expected_acked.iter().all(|t| seen.contains(t))
        })
        .await?;

    // The writers come back and send what the server lacks: everyone converges on
    // the union of all work.
    for writer in writers.iter_mut() {
        writer.reconnect().await?;
    }
    let mut union: Vec<String> = written.concat();
    union.sort();
    for writer in writers.iter_mut() {
        // The server's Step1 arrives and is answered before the round trip's answer.
        writer.round_trip().await?;
        writer.wait_stored().await?;
        assert!(writer.writes_sent > 0, "the reconnect sent nothing back");
    }
    observer
        .wait_until("the union of everyone's work", |c| {
            c.all_card_texts() == union
        })
        .await?;
    for writer in writers.iter_mut() {
        writer
            .wait_until("the union of everyone's work", |c| {
                c.all_card_texts() == union
            })
            .await?;
    }
    for writer in &writers {
        for doc in writer.docs.keys() {
            assert_eq!(
                writer.state_of(doc),
                observer.state_of(doc),
                "{doc} differs"
            );
        }
    }
    Ok(())
}
