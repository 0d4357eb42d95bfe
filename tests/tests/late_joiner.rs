//! Someone who joins later receives the whole board.

use ovaal_shared::DocName;
use ovaal_shared::board::CardKind;
use ovaal_shared::board::control::read_settings;
use ovaal_tests::{ProtocolClient, TestServer};

#[tokio::test]
async fn a_late_joiner_receives_the_full_state() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let session = server.create_session("Leerkring").await?;
    let url = server.ws_url(&session.id);

    let mut early = ProtocolClient::connect(&url, &session.participant).await?;
    early.join_table("Chris", 3).await?;
    for text in ["Wat maakt dit lastig?", "Wie is er nog meer bij betrokken?"] {
        early.add_card(CardKind::Question, text).await?;
    }
    // A round trip proves the server has applied both cards.
    let mut witness = ProtocolClient::connect(&url, &session.observer).await?;
    witness
        .wait_until("the early cards", |c| c.all_card_texts().len() == 2)
        .await?;

    let mut late = ProtocolClient::connect(&url, &session.participant).await?;
    assert!(late.welcome.documents.contains(&early.my_doc_name()));
    late.wait_until("the full board", |c| {
        c.all_card_texts().len() == 2
            && c.docs
                .get(&DocName::Control)
                .and_then(read_settings)
                .is_some()
    })
    .await?;
    assert_eq!(
        late.state_of(&early.my_doc_name()),
        early.state_of(&early.my_doc_name())
    );
    let settings = late
        .docs
        .get(&DocName::Control)
        .and_then(read_settings)
        .unwrap();
    assert_eq!(settings.title, "Leerkring");
    Ok(())
}
