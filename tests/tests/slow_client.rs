//! A client that stops reading is detected and dropped with a reason (it reconnects
//! and resyncs) instead of silently missing updates; the others are not held up.

use ovaal_server::Limits;
use ovaal_server::config::Rate;
use ovaal_shared::board::participant::add_card;
use ovaal_shared::board::{CardKind, CardText, Position};
use ovaal_shared::protocol::ErrorCode;
use ovaal_tests::{ProtocolClient, TestServer};
use yrs::Map;

#[tokio::test]
async fn a_client_that_stops_reading_is_dropped_not_left_behind() -> anyhow::Result<()> {
    let limits = Limits {
        outbound_queue: 16,
        // Megabytes of cards, far beyond a real session's budget.
        budget: ovaal_server::config::Budget {
            cards_per_document: usize::MAX,
            participant_bytes: usize::MAX,
            facilitator_bytes: usize::MAX,
            session_bytes: usize::MAX,
            documents_per_session: 1000,
        },
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

    // 400 updates of ~35 kB (a hundred full cards each): far more than the socket
    // buffers and the sleeper's queue.
    let text = "x".repeat(270);
    let mut last = String::new();
    for i in 0..400 {
        let texts: Vec<String> = (0..100).map(|j| format!("{i}-{j}-{text}")).collect();
        last = texts[99].clone();
        writer
            .edit(&mine, |doc| {
                for (j, t) in texts.iter().enumerate() {
                    let id = format!("card-{i:04}-{j:03}").parse().expect("a card id");
                    let t = CardText::new(t).expect("a valid text");
                    add_card(doc, &id, CardKind::Question, &t, Position::CENTRE, 1);
                }
            })
            .await?;
        // The attentive reader keeps up.
        reader
            .pump_once(std::time::Duration::from_millis(1))
            .await?;
    }
    reader
        .wait_until("the last update", |c| {
            c.docs.get(&mine).is_some_and(|d| {
                let cards = d.get_or_insert_map("cards");
                let txn = yrs::Transact::transact(d);
                cards.contains_key(&txn, "card-0399-099")
            })
        })
        .await?;
    let cards = reader.cards_of(writer.participant());
    assert!(cards.iter().any(|card| card.text == last));

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
