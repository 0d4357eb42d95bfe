//! A real `ovaal` process storing in a real PostgreSQL (`--database-url`): the board
//! survives a restart, and `kill -9` under load loses no acknowledged update.

use std::time::Duration;

use ovaal_shared::board::{CardKind, Method};
use ovaal_tests::ProtocolClient;
use ovaal_tests::postgres::TestPostgres;
use ovaal_tests::server::create_session_at;
use ovaal_tests::server_process::{ServerProcess, free_addr, ovaal_binary};

#[tokio::test]
async fn two_clients_sync_and_the_board_survives_a_restart() -> anyhow::Result<()> {
    let pg = TestPostgres::start()?;
    let url = pg.create_database()?;
    let binary = ovaal_binary()?;
    // The data directory stays empty: everything goes to PostgreSQL.
    let unused = tempfile::tempdir()?;
    let addr = free_addr()?;
    let args = ["--database-url", url.as_str()];
    let mut server = ServerProcess::start(&binary, addr, unused.path(), &args).await?;
    let session = create_session_at(addr, "Leerkring", Method::Free).await?;
    let ws = ovaal_tests::server::ws_url_at(addr, &session.id);
    let mut anna = ProtocolClient::connect(&ws, &session.participant).await?;
    let mut bram = ProtocolClient::connect(&ws, &session.participant).await?;
    anna.add_card(CardKind::Theme, "Grenzen stellen").await?;
    bram.add_card(CardKind::Question, "Wat houdt je tegen?")
        .await?;
    for client in [&mut anna, &mut bram] {
        client
            .wait_until("both cards", |c| c.all_card_texts().len() == 2)
            .await?;
        client.wait_stored().await?;
    }
    let before = anna.all_card_texts();

    server.signal("TERM")?;
    server.wait_exit(Duration::from_secs(20)).await?;
    assert!(
        std::fs::read_dir(unused.path())?.next().is_none(),
        "the embedded store was written to"
    );
    let _server = ServerProcess::start(&binary, addr, unused.path(), &args).await?;
    let mut back = ProtocolClient::connect(&ws, &session.observer).await?;
    back.wait_until("both cards after the restart", |c| {
        c.all_card_texts() == before
    })
    .await?;
    Ok(())
}

#[tokio::test]
async fn kill_dash_nine_loses_no_acknowledged_update() -> anyhow::Result<()> {
    let pg = TestPostgres::start()?;
    let url = pg.create_database()?;
    let binary = ovaal_binary()?;
    let unused = tempfile::tempdir()?;
    let addr = free_addr()?;
    let args = ["--database-url", url.as_str()];
    let mut server = ServerProcess::start(&binary, addr, unused.path(), &args).await?;
    let session = create_session_at(addr, "Crash", Method::Free).await?;
    let ws = ovaal_tests::server::ws_url_at(addr, &session.id);
    let mut writers = Vec::new();
    for _ in 0..4 {
        writers.push(ProtocolClient::connect(&ws, &session.participant).await?);
    }
    let mut written: Vec<Vec<String>> = vec![Vec::new(); writers.len()];
    for round in 0..40 {
        for (w, writer) in writers.iter_mut().enumerate() {
            let text = format!("schrijver {w} kaart {round}");
            writer.add_card(CardKind::Theme, &text).await?;
            written[w].push(text);
            writer.pump_once(Duration::ZERO).await?;
        }
    }
    for writer in writers.iter_mut() {
        writer.drain_for(Duration::from_millis(5)).await?;
    }
    server.signal("KILL")?;
    server.wait_exit(Duration::from_secs(10)).await?;
    let mut acknowledged: Vec<String> = writers
        .iter()
        .zip(&written)
        .flat_map(|(writer, texts)| {
            texts[..usize::try_from(writer.writes_stored).unwrap()].to_vec()
        })
        .collect();
    acknowledged.sort();
    println!(
        "{} of 160 cards acknowledged before kill -9",
        acknowledged.len()
    );

    let _server = ServerProcess::start(&binary, addr, unused.path(), &args).await?;
    let mut observer = ProtocolClient::connect(&ws, &session.observer).await?;
    observer.round_trip().await?;
    observer
        .wait_until("every acknowledged card", |c| {
            let seen = c.all_card_texts();
            acknowledged.iter().all(|t| seen.contains(t))
        })
        .await?;
    Ok(())
}

#[tokio::test]
async fn while_postgres_is_away_nothing_is_acknowledged_and_afterwards_all_is_stored()
-> anyhow::Result<()> {
    let pg = TestPostgres::start()?;
    let url = pg.create_database()?;
    let binary = ovaal_binary()?;
    let unused = tempfile::tempdir()?;
    let addr = free_addr()?;
    let args = ["--database-url", url.as_str()];
    let mut server = ServerProcess::start(&binary, addr, unused.path(), &args).await?;
    let session = create_session_at(addr, "Storing", Method::Free).await?;
    let ws = ovaal_tests::server::ws_url_at(addr, &session.id);
    let mut anna = ProtocolClient::connect(&ws, &session.participant).await?;
    anna.add_card(CardKind::Theme, "voor de storing").await?;
    anna.wait_stored().await?;
    let stored_before = anna.writes_stored;

    pg.stop_server()?;
    anna.add_card(CardKind::Theme, "tijdens de storing").await?;
    let health = || async {
        ovaal_tests::http::get(addr, "/healthz", &[])
            .await
            .ok()
            .map(|r| r.status)
    };
    ovaal_tests::wait::until("/healthz to answer 503", || async {
        health().await.filter(|s| *s == 503)
    })
    .await?;
    anna.drain_for(Duration::from_millis(300)).await?;
    assert_eq!(anna.writes_stored, stored_before, "acknowledged while away");

    pg.start_server()?;
    // The kept write is stored and acknowledged without Anna doing anything.
    anna.wait_stored().await?;
    ovaal_tests::wait::until("/healthz to answer 200", || async {
        health().await.filter(|s| *s == 200)
    })
    .await?;
    anna.add_card(CardKind::Theme, "na de storing").await?;
    anna.wait_stored().await?;

    server.signal("KILL")?;
    server.wait_exit(Duration::from_secs(10)).await?;
    let _server = ServerProcess::start(&binary, addr, unused.path(), &args).await?;
    let mut observer = ProtocolClient::connect(&ws, &session.observer).await?;
    observer
        .wait_until("all three cards from PostgreSQL", |c| {
            c.all_card_texts().len() == 3
        })
        .await?;
    Ok(())
}
