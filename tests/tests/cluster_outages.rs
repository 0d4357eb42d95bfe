//! A cluster loses a part and keeps everything acknowledged: Redis stopped for a
//! while and started again (nodes catch up from PostgreSQL, and an action taken
//! meanwhile reaches the other node), and `kill -9` of a node
//! under load (what it acknowledged is stored and reaches the other nodes; its people
//! reconnect to another node and everyone converges on the union).

use std::time::Duration;

use ovaal_shared::board::CardKind;
use ovaal_tests::ProtocolClient;
use ovaal_tests::cluster::TestCluster;
use ovaal_tests::http::with_token;
use ovaal_tests::postgres::TestPostgres;
use ovaal_tests::redis::TestRedis;
use ovaal_tests::server::{create_session_at, ws_url_at};
use ovaal_tests::server_process::{ServerProcess, free_addr, ovaal_binary};

fn sorted(mut texts: Vec<String>) -> Vec<String> {
    texts.sort();
    texts
}

#[tokio::test]
async fn redis_away_for_a_while_loses_nothing_and_the_nodes_catch_up() -> anyhow::Result<()> {
    let mut cluster = TestCluster::start(2).await?;
    let session = cluster.nodes[0].create_session("Storing").await?;
    let mut anna =
        ProtocolClient::connect(&cluster.ws_url(0, &session.id), &session.participant).await?;
    let mut bram =
        ProtocolClient::connect(&cluster.ws_url(1, &session.id), &session.participant).await?;
    anna.add_card(CardKind::Theme, "voor de storing").await?;
    bram.wait_until("the first card", |c| c.all_card_texts().len() == 1)
        .await?;
    // A guest on the second node, whose link the facilitator revokes on the first
    // node while Redis is away.
    let a = cluster.nodes[0].addr;
    let links = format!("/api/sessions/{}/links", session.id);
    let body = serde_json::to_vec(&serde_json::json!({"role": "observer", "label": "gast"}))?;
    let created = with_token(a, "POST", &links, &session.facilitator, &body).await?;
    assert_eq!(created.status, 201);
    let created = created.json()?;
    let guest_token = created["link"]
        .as_str()
        .and_then(|l| l.split_once("#token="))
        .map(|(_, token)| token.to_owned())
        .expect("a link with a token");
    let revoke = format!("{links}/{}", created["id"].as_str().expect("a link id"));
    let mut guest = ProtocolClient::connect(&cluster.ws_url(1, &session.id), &guest_token).await?;

    cluster.redis.stop()?;
    let revoked = with_token(a, "DELETE", &revoke, &session.facilitator, &[]).await?;
    assert_eq!(revoked.status, 204);
    let mut written = vec!["voor de storing".to_owned()];
    for round in 0..5 {
        for (name, client) in [("anna", &mut anna), ("bram", &mut bram)] {
            let text = format!("{name} tijdens de storing {round}");
            client.add_card(CardKind::Theme, &text).await?;
            written.push(text);
        }
    }
    // PostgreSQL is there: everything is stored and acknowledged meanwhile.
    anna.wait_stored().await?;
    bram.wait_stored().await?;

    cluster.redis.start_again()?;
    let written = sorted(written);
    for client in [&mut anna, &mut bram] {
        client
            .wait_until("every card after Redis came back", |c| {
                sorted(c.all_card_texts()) == written
            })
            .await?;
    }
    // The revocation kept by the first node reaches the guest on the second.
    let closed = guest.wait_closed().await?;
    assert_eq!(
        closed.error.map(|e| e.0),
        Some(ovaal_shared::protocol::ErrorCode::Unauthorized)
    );
    // And the fan-out works again, live.
    anna.add_card(CardKind::Insight, "na de storing").await?;
    bram.wait_until("a card after the outage", |c| {
        c.all_card_texts().iter().any(|t| t == "na de storing")
    })
    .await?;
    Ok(())
}

#[tokio::test]
async fn kill_dash_nine_of_a_node_under_load_loses_nothing_acknowledged() -> anyhow::Result<()> {
    let pg = TestPostgres::start()?;
    let database = pg.create_database()?;
    let redis = TestRedis::start()?;
    let redis_url = redis.url();
    let binary = ovaal_binary()?;
    let unused = tempfile::tempdir()?;
    let args = [
        "--database-url",
        database.as_str(),
        "--redis-url",
        redis_url.as_str(),
    ];
    let (doomed_addr, survivor_addr) = (free_addr()?, free_addr()?);
    let mut doomed = ServerProcess::start(&binary, doomed_addr, unused.path(), &args).await?;
    let _survivor = ServerProcess::start(&binary, survivor_addr, unused.path(), &args).await?;
    let session =
        create_session_at(doomed_addr, "Crash", ovaal_shared::board::Method::Free).await?;
    let (on_doomed, on_survivor) = (
        ws_url_at(doomed_addr, &session.id),
        ws_url_at(survivor_addr, &session.id),
    );
    let mut writers = Vec::new();
    for url in [&on_doomed, &on_doomed, &on_survivor, &on_survivor] {
        writers.push(ProtocolClient::connect(url, &session.participant).await?);
    }
    let mut observer = ProtocolClient::connect(&on_survivor, &session.observer).await?;

    let mut written: Vec<Vec<String>> = vec![Vec::new(); writers.len()];
    for round in 0..30 {
        for (w, writer) in writers.iter_mut().enumerate() {
            let text = format!("schrijver {w} kaart {round}");
            writer.add_card(CardKind::Theme, &text).await?;
            written[w].push(text);
            writer.pump_once(Duration::ZERO).await?;
        }
        if round == 14 {
            // Half way, the doomed node's writers are surely acknowledged once: the
            // kill below then has acknowledged work to lose, and unacknowledged too.
            for writer in writers.iter_mut().take(2) {
                writer.wait_stored().await?;
            }
        }
    }
    for writer in writers.iter_mut().take(2) {
        writer.drain_for(Duration::from_millis(5)).await?;
    }
    doomed.signal("KILL")?;
    doomed.wait_exit(Duration::from_secs(10)).await?;
    let acknowledged: Vec<String> = writers[..2]
        .iter()
        .zip(&written)
        .flat_map(|(writer, texts)| {
            texts[..usize::try_from(writer.writes_stored).unwrap()].to_vec()
        })
        .collect();
    println!(
        "{} of 60 cards acknowledged by the killed node",
        acknowledged.len()
    );
    assert!(acknowledged.len() >= 30, "the writers waited for these");

    // Everything the killed node acknowledged is in PostgreSQL (card texts are
    // stored as they are inside the updates) …
    let texts: Vec<String> = acknowledged.iter().map(|t| format!("'{t}'")).collect();
    let stored = pg.query(
        &database,
        &format!(
            "SELECT count(*) FROM unnest(ARRAY[{}]) AS t(text) WHERE EXISTS (
                SELECT 1 FROM updates WHERE session_id = '{}'
                AND position(convert_to(t.text, 'UTF8') IN data) > 0)",
            texts.join(","),
            session.id
        ),
    )?;
    assert_eq!(stored.parse::<usize>()?, acknowledged.len());
    // … and reaches the surviving node's people, before anyone reconnects.
    observer
        .wait_until("every card the killed node acknowledged", |c| {
            let seen = c.all_card_texts();
            acknowledged.iter().all(|t| seen.contains(t))
        })
        .await?;

    // The killed node's people come back through the survivor, with what they wrote
    // that was never acknowledged: everyone converges on the union.
    for writer in writers.iter_mut().take(2) {
        writer.reconnect_to(&on_survivor).await?;
        // Answers the server's Step1s with what it lacks, and waits until stored:
        // a client only sends while it is being pumped.
        writer.round_trip().await?;
        writer.wait_stored().await?;
    }
    let union = sorted(written.concat());
    for (n, client) in writers.iter_mut().chain([&mut observer]).enumerate() {
        let waited = client
            .wait_until("the union of everyone's cards", |c| {
                sorted(c.all_card_texts()) == union
            })
            .await;
        if let Err(e) = waited {
            let seen = client.all_card_texts();
            let missing: Vec<&String> = union.iter().filter(|t| !seen.contains(t)).collect();
            anyhow::bail!("client {n}: {e}; missing {missing:?}");
        }
    }
    Ok(())
}

#[tokio::test]
async fn postgres_away_acknowledges_nothing_and_afterwards_all_is_stored_and_crosses()
-> anyhow::Result<()> {
    let cluster = TestCluster::start(2).await?;
    let session = cluster.nodes[0].create_session("Databank weg").await?;
    let mut anna =
        ProtocolClient::connect(&cluster.ws_url(0, &session.id), &session.participant).await?;
    let mut bram =
        ProtocolClient::connect(&cluster.ws_url(1, &session.id), &session.participant).await?;
    anna.add_card(CardKind::Theme, "voor de storing").await?;
    anna.wait_stored().await?;
    bram.wait_until("the first card", |c| c.all_card_texts().len() == 1)
        .await?;
    let stored_before = (anna.writes_stored, bram.writes_stored);

    cluster.pg.stop_server()?;
    anna.add_card(CardKind::Theme, "anna tijdens de storing")
        .await?;
    bram.add_card(CardKind::Theme, "bram tijdens de storing")
        .await?;
    // Each node relays its own people's writes at once, but stores nothing: no
    // acknowledgement, and nothing crosses to the other node (only what is stored
    // does).
    anna.round_trip().await?;
    bram.round_trip().await?;
    let health = |n: usize| {
        let addr = cluster.nodes[n].addr;
        async move {
            ovaal_tests::http::get(addr, "/healthz", &[])
                .await
                .ok()
                .map(|r| r.status)
        }
    };
    for n in 0..2 {
        ovaal_tests::wait::until("/healthz to answer 503", || async {
            health(n).await.filter(|s| *s == 503)
        })
        .await?;
    }
    anna.drain_for(Duration::from_millis(300)).await?;
    bram.drain_for(Duration::from_millis(300)).await?;
    assert_eq!(
        (anna.writes_stored, bram.writes_stored),
        stored_before,
        "acknowledged while PostgreSQL was away"
    );
    assert!(
        !anna
            .all_card_texts()
            .contains(&"bram tijdens de storing".to_owned())
    );
    assert!(
        !bram
            .all_card_texts()
            .contains(&"anna tijdens de storing".to_owned())
    );

    cluster.pg.start_server()?;
    anna.wait_stored().await?;
    bram.wait_stored().await?;
    let all = sorted(vec![
        "voor de storing".to_owned(),
        "anna tijdens de storing".to_owned(),
        "bram tijdens de storing".to_owned(),
    ]);
    for client in [&mut anna, &mut bram] {
        client
            .wait_until("both nodes' cards once stored", |c| {
                sorted(c.all_card_texts()) == all
            })
            .await?;
    }
    let stored = cluster.pg.query(
        &cluster.database,
        &format!(
            "SELECT count(*) FROM updates WHERE session_id = '{}'
             AND position(convert_to('tijdens de storing', 'UTF8') IN data) > 0",
            session.id
        ),
    )?;
    assert_eq!(stored, "2", "both writes from the outage are stored");
    Ok(())
}

#[tokio::test]
async fn an_update_stored_without_any_news_is_found_by_the_audit() -> anyhow::Result<()> {
    let cluster = TestCluster::start(2).await?;
    let session = cluster.nodes[0].create_session("Stil").await?;
    let mut writer =
        ProtocolClient::connect(&cluster.ws_url(0, &session.id), &session.participant).await?;
    let mut observer =
        ProtocolClient::connect(&cluster.ws_url(1, &session.id), &session.observer).await?;
    writer.add_card(CardKind::Theme, "gezien").await?;
    observer
        .wait_until("the first card", |c| c.all_card_texts().len() == 1)
        .await?;

    // As a node does that commits and dies before it publishes: the next position is
    // stored, and nobody is told. Nobody writes after it either.
    writer.add_card_offline(CardKind::Theme, "nooit aangekondigd")?;
    let me = writer.my_doc_name();
    let update = writer.state_of(&me).expect("the writer's document");
    let hex: String = update.iter().map(|b| format!("{b:02x}")).collect();
    cluster.pg.query(
        &cluster.database,
        &format!(
            "WITH next AS (UPDATE sessions SET last_position = last_position + 1
                           WHERE id = '{id}' RETURNING last_position)
             INSERT INTO updates (session_id, position, doc, data)
             SELECT '{id}', last_position, '{me}', decode('{hex}', 'hex') FROM next",
            id = session.id
        ),
    )?;
    observer
        .wait_until("the card nobody announced", |c| {
            c.all_card_texts().iter().any(|t| t == "nooit aangekondigd")
        })
        .await?;
    Ok(())
}
