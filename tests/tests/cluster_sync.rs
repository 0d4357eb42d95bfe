//! Several nodes on one PostgreSQL and one Redis serve the same sessions: people
//! connected to different nodes edit one board and converge, a late joiner on another
//! node gets everything, and permissions and private rounds hold on every node.

use ovaal_shared::DocName;
use ovaal_shared::board::facilitation::{read_facilitation, reveal, start_plan, write_phase};
use ovaal_shared::board::{CardKind, Method};
use ovaal_shared::permissions::Refusal;
use ovaal_tests::ProtocolClient;
use ovaal_tests::cluster::TestCluster;
use ovaal_tests::control::connect_facilitator;
use ovaal_tests::metrics;

fn sorted(mut texts: Vec<String>) -> Vec<String> {
    texts.sort();
    texts
}

#[tokio::test]
async fn clients_on_two_nodes_converge_and_a_late_joiner_on_a_third_gets_everything()
-> anyhow::Result<()> {
    let mut cluster = TestCluster::start(2).await?;
    let session = cluster.nodes[0].create_session("Leerkring").await?;
    let mut clients = Vec::new();
    for node in [0, 1, 0, 1] {
        let url = cluster.ws_url(node, &session.id);
        clients.push(ProtocolClient::connect(&url, &session.participant).await?);
    }
    // Everyone writes at once, without waiting for the others.
    let mut written = Vec::new();
    for round in 0..10 {
        for (i, client) in clients.iter_mut().enumerate() {
            let text = format!("kaart {round} van {i}");
            client.add_card(CardKind::Theme, &text).await?;
            written.push(text);
        }
    }
    let written = sorted(written);
    for client in clients.iter_mut() {
        client
            .wait_until("every card from both nodes", |c| {
                sorted(c.all_card_texts()) == written
            })
            .await?;
        client.wait_stored().await?;
    }
    let third = cluster.add_node().await?;
    let url = cluster.ws_url(third, &session.id);
    let mut late = ProtocolClient::connect(&url, &session.observer).await?;
    late.wait_until("everything on the third node", |c| {
        sorted(c.all_card_texts()) == written
    })
    .await?;
    // And what is written after, on the first node, reaches the third live.
    clients[0]
        .add_card(CardKind::Insight, "na de nieuwkomer")
        .await?;
    late.wait_until("the newest card", |c| {
        c.all_card_texts().iter().any(|t| t == "na de nieuwkomer")
    })
    .await?;
    // Each node's /metrics tells what crossed: the second node received the first
    // node's updates and is subscribed.
    let second = metrics::scrape(cluster.nodes[1].addr).await?;
    assert_eq!(second.get("ovaal_redis_subscribed", &[])?, 1.0);
    assert!(second.get("ovaal_redis_received_total", &[])? >= 20.0);
    assert!(second.get("ovaal_redis_published_total", &[])? >= 20.0);
    Ok(())
}

#[tokio::test]
async fn clients_spread_over_three_nodes_converge() -> anyhow::Result<()> {
    let cluster = TestCluster::start(3).await?;
    let session = cluster.nodes[1].create_session("Drie knopen").await?;
    let mut clients = Vec::new();
    for node in [0, 1, 2, 2, 1, 0] {
        let url = cluster.ws_url(node, &session.id);
        clients.push(ProtocolClient::connect(&url, &session.participant).await?);
    }
    let mut written = Vec::new();
    for round in 0..8 {
        for (i, client) in clients.iter_mut().enumerate() {
            let text = format!("kaart {round} van {i}");
            client.add_card(CardKind::Theme, &text).await?;
            written.push(text);
        }
    }
    let written = sorted(written);
    for client in clients.iter_mut() {
        client
            .wait_until("every card from the three nodes", |c| {
                sorted(c.all_card_texts()) == written
            })
            .await?;
    }
    Ok(())
}

#[tokio::test]
async fn forbidden_writes_are_refused_on_every_node_and_reach_no_other() -> anyhow::Result<()> {
    let cluster = TestCluster::start(2).await?;
    let session = cluster.nodes[0].create_session("Balint").await?;
    let (a, b) = (
        cluster.ws_url(0, &session.id),
        cluster.ws_url(1, &session.id),
    );
    let mut anna = ProtocolClient::connect(&a, &session.participant).await?;
    let mut watcher = ProtocolClient::connect(&b, &session.participant).await?;
    let mut observer = ProtocolClient::connect(&b, &session.observer).await?;
    let mut mallory = ProtocolClient::connect(&b, &session.participant).await?;

    let own = observer.my_doc_name();
    observer
        .add_card_to(&own, CardKind::Advice, "advies van een waarnemer")
        .await?;
    let annas = anna.my_doc_name();
    mallory
        .add_card_to(&annas, CardKind::Advice, "vervalst advies")
        .await?;
    observer
        .wait_until("a refusal", |c| !c.refusals.is_empty())
        .await?;
    assert_eq!(observer.refusals[0].1, Refusal::ReadOnlyRole.code());
    mallory
        .wait_until("a refusal", |c| !c.refusals.is_empty())
        .await?;
    assert_eq!(mallory.refusals[0].0, annas);

    // Anna, on the other node, writes after them: once her card has crossed, the
    // refused ones would have too.
    anna.add_card(CardKind::Theme, "Anna's thema").await?;
    watcher
        .wait_until("Anna's card", |c| {
            c.all_card_texts().contains(&"Anna's thema".to_owned())
        })
        .await?;
    assert_eq!(watcher.all_card_texts(), ["Anna's thema"]);
    // Nothing refused on the second node reached the first either.
    anna.round_trip().await?;
    assert_eq!(anna.all_card_texts(), ["Anna's thema"]);
    Ok(())
}

#[tokio::test]
async fn a_private_round_stays_private_across_nodes_until_revealed() -> anyhow::Result<()> {
    let cluster = TestCluster::start(2).await?;
    let session = cluster.nodes[0]
        .create_session_with("Case Clinic", Method::Free)
        .await?;
    let (a, b) = (
        cluster.ws_url(0, &session.id),
        cluster.ws_url(1, &session.id),
    );
    let mut facilitator = connect_facilitator(&a, &session.facilitator).await?;
    facilitator
        .edit(&DocName::Control, |d| {
            start_plan(d, Method::CaseClinic);
            write_phase(d, "stillness");
        })
        .await?;
    let mut anna = ProtocolClient::connect(&b, &session.participant).await?;
    let mut bram = ProtocolClient::connect(&a, &session.participant).await?;
    let mut bea = ProtocolClient::connect(&b, &session.participant).await?;
    for client in [&mut anna, &mut bram, &mut bea] {
        client
            .wait_until("the stillness phase", |c| {
                c.docs
                    .get(&DocName::Control)
                    .is_some_and(|d| read_facilitation(d).phase.as_deref() == Some("stillness"))
            })
            .await?;
    }
    let annas_notes = DocName::Private {
        phase: "stillness".into(),
        owner: anna.participant().clone(),
    };
    anna.add_card_to(&annas_notes, CardKind::Mirror, "Ik zie iemand die twijfelt")
        .await?;
    // A public card after it: once it has arrived, so would the private one have.
    anna.add_card(CardKind::Theme, "openbaar").await?;
    for client in [&mut bram, &mut bea, &mut facilitator] {
        client
            .wait_until("the public card", |c| {
                c.all_card_texts().contains(&"openbaar".to_owned())
            })
            .await?;
        client.send_step1(&annas_notes).await?;
        client.round_trip().await?;
        assert_eq!(
            client.all_card_texts(),
            ["openbaar"],
            "a private card crossed before the reveal"
        );
    }

    // Revealed on the first node: the people on both nodes receive it.
    facilitator
        .edit(&DocName::Control, |d| reveal(d, "stillness"))
        .await?;
    for client in [&mut bram, &mut bea, &mut facilitator] {
        client
            .wait_until("the revealed card", |c| {
                c.all_card_texts()
                    .contains(&"Ik zie iemand die twijfelt".to_owned())
            })
            .await?;
    }
    let newcomer = ProtocolClient::connect(&b, &session.observer).await?;
    assert!(newcomer.welcome.documents.contains(&annas_notes));
    Ok(())
}

/// Presence as a browser announces it: one client id, a name.
fn presence(client_id: u64, clock: u64, participant: &str, name: &str) -> Vec<u8> {
    let state = serde_json::json!({
        "participant": participant,
        "name": name,
        "role": "participant",
    });
    let mut update = ovaal_shared::protocol::lib0::Encoder::new();
    update
        .var_uint(1)
        .var_uint(client_id)
        .var_uint(clock)
        .var_string(&state.to_string());
    update.finish()
}

#[tokio::test]
async fn presence_reaches_the_other_node_and_leaves_with_its_connection() -> anyhow::Result<()> {
    let cluster = TestCluster::start(2).await?;
    let session = cluster.nodes[0].create_session("Aanwezig").await?;
    let mut anna =
        ProtocolClient::connect(&cluster.ws_url(0, &session.id), &session.participant).await?;
    let mut bram =
        ProtocolClient::connect(&cluster.ws_url(1, &session.id), &session.participant).await?;
    let me = anna.participant().as_str().to_owned();
    anna.send(&ovaal_shared::protocol::ClientMessage::Awareness {
        update: presence(0xa11a, 1, &me, "Anna"),
    })
    .await?;
    bram.wait_until("Anna's presence", |c| {
        c.awareness_frames
            .iter()
            .any(|f| String::from_utf8_lossy(f).contains("\"Anna\""))
    })
    .await?;
    // A newcomer on the second node is told at once who is here.
    let mut late =
        ProtocolClient::connect(&cluster.ws_url(1, &session.id), &session.observer).await?;
    late.wait_until("presence at joining", |c| {
        c.awareness_frames
            .iter()
            .any(|f| String::from_utf8_lossy(f).contains("\"Anna\""))
    })
    .await?;
    // Anna closes her tab: her presence becomes null on the other node.
    drop(anna);
    bram.wait_until("Anna's departure", |c| {
        c.awareness_frames
            .iter()
            .any(|f| String::from_utf8_lossy(f).ends_with("null"))
    })
    .await?;
    Ok(())
}
