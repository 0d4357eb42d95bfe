//! Stop the server and start it again on the same data: the board is still there.

use ovaal_server::Limits;
use ovaal_shared::board::CardKind;
use ovaal_shared::board::participant::read_profile;
use ovaal_tests::{ProtocolClient, TestServer};

#[tokio::test]
async fn the_board_survives_a_restart() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let session = server.create_session("Case Clinic").await?;
    let url = server.ws_url(&session.id);
    let mut anna = ProtocolClient::connect(&url, &session.participant).await?;
    anna.join_table("Anna", 2).await?;
    let ids = [
        anna.add_card(CardKind::Mirror, "Ik zie iemand die alles alleen doet")
            .await?,
        anna.add_card(CardKind::Question, "Wat vraag je van je team?")
            .await?,
    ];
    let annas = anna.my_doc_name();
    let before = anna.state_of(&annas);

    // Stop while Anna is still connected: shutdown must store everything, then close.
    let data = server.stop().await?.expect("temporary data dir");
    let closed = anna.wait_closed().await?;
    assert_eq!(
        closed.error.map(|(code, _)| code),
        Some(ovaal_shared::protocol::ErrorCode::ShuttingDown)
    );

    let server = TestServer::start_in(data.path(), Limits::default()).await?;
    let mut back = ProtocolClient::connect(&server.ws_url(&session.id), &session.observer).await?;
    back.wait_until("Anna's cards", |c| c.all_card_texts().len() == 2)
        .await?;
    assert_eq!(back.state_of(&annas), before);
    let cards = back.cards_of(anna.participant());
    let mut got: Vec<_> = cards.iter().map(|c| c.id.clone()).collect();
    let mut want = ids.to_vec();
    got.sort();
    want.sort();
    assert_eq!(got, want);
    let profile = read_profile(back.doc(&annas)).expect("profile");
    assert_eq!((profile.name.as_str(), profile.seat), ("Anna", Some(2)));
    Ok(())
}

#[tokio::test]
async fn an_empty_room_unloads_and_loads_again_from_storage() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let session = server.create_session("Leeg lokaal").await?;
    let url = server.ws_url(&session.id);
    let mut anna = ProtocolClient::connect(&url, &session.participant).await?;
    anna.add_card(CardKind::Insight, "blijft bewaard").await?;
    anna.round_trip().await?;
    let rooms = || async {
        let health = ovaal_tests::http::get(server.addr, "/healthz", &[])
            .await
            .ok()?;
        health.json().ok()?["rooms"].as_u64()
    };
    assert_eq!(rooms().await, Some(1));
    drop(anna);
    // The room's grace, the server's own, passes in paused time.
    ovaal_tests::wait::skip_ahead(Limits::default().room_grace).await;
    ovaal_tests::wait::until("the empty room to unload", || async {
        (rooms().await == Some(0)).then_some(())
    })
    .await?;
    let mut back = ProtocolClient::connect(&url, &session.observer).await?;
    back.wait_until("the stored card", |c| {
        c.all_card_texts() == ["blijft bewaard"]
    })
    .await?;
    Ok(())
}
