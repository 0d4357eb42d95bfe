//! Deleting a card deletes its text: after the room's next compaction it is in
//! neither the database files nor what a newcomer receives.

use std::path::Path;

use ovaal_server::Limits;
use ovaal_shared::board::CardKind;
use ovaal_shared::board::participant::delete_card;
use ovaal_tests::hostile::contains;
use ovaal_tests::{ProtocolClient, TestServer};

/// Whether any file of the store (database, write-ahead log) holds `needle`.
fn store_holds(dir: &Path, needle: &[u8]) -> anyhow::Result<bool> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_file() && contains(&std::fs::read(&path)?, needle) {
            return Ok(true);
        }
    }
    Ok(false)
}

#[tokio::test]
async fn a_deleted_cards_text_leaves_the_store_and_what_newcomers_receive() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let session = server.create_session("Vertrouwelijk").await?;
    let url = server.ws_url(&session.id);
    let secret = format!("GEHEIM-{}", session.id);
    let mut anna = ProtocolClient::connect(&url, &session.participant).await?;
    anna.add_card(CardKind::Advice, "dit blijft staan").await?;
    let card = anna.add_card(CardKind::Advice, &secret).await?;
    anna.wait_stored().await?;
    assert!(
        store_holds(&server.data_dir, secret.as_bytes())?,
        "the text is stored before it is deleted (or this test proves nothing)"
    );
    let own = anna.my_doc_name();
    anna.edit(&own, |d| delete_card(d, &card).expect("the card exists"))
        .await?;
    anna.wait_stored().await?;
    drop(anna);

    // Everyone has left: after its grace (the server's own, passing in paused time)
    // the room unloads and compacts.
    ovaal_tests::wait::skip_ahead(Limits::default().room_grace).await;
    ovaal_tests::wait::until("the deleted text to leave the store", || async {
        (!store_holds(&server.data_dir, secret.as_bytes()).ok()?).then_some(())
    })
    .await?;

    let mut newcomer = ProtocolClient::connect(&url, &session.observer).await?;
    newcomer.received = Some(Vec::new());
    newcomer
        .wait_until("the kept card", |c| {
            c.all_card_texts() == ["dit blijft staan"]
        })
        .await?;
    newcomer.round_trip().await?;
    let received = newcomer.received.take().unwrap_or_default();
    assert!(contains(&received, b"dit blijft staan"));
    assert!(
        !contains(&received, secret.as_bytes()),
        "a newcomer received the deleted text"
    );
    Ok(())
}
