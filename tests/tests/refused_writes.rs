//! Writes a connection may not make are refused: not applied, not relayed, not
//! stored, and the sender is told why.

use std::time::Duration;

use ovaal_server::Limits;
use ovaal_shared::DocName;
use ovaal_shared::board::CardKind;
use ovaal_shared::board::control::write_seat_count;
use ovaal_shared::permissions::Refusal;
use ovaal_tests::{ProtocolClient, TestServer};

#[tokio::test]
async fn refused_writes_are_not_applied_relayed_or_stored() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let session = server.create_session("Balint").await?;
    let url = server.ws_url(&session.id);

    let mut anna = ProtocolClient::connect(&url, &session.participant).await?;
    anna.add_card(CardKind::Theme, "Anna's eigen thema").await?;
    let mut watcher = ProtocolClient::connect(&url, &session.participant).await?;
    watcher
        .wait_until("Anna's card", |c| c.all_card_texts().len() == 1)
        .await?;

    // An observer writes to its own document.
    let mut observer = ProtocolClient::connect(&url, &session.observer).await?;
    let own = observer.my_doc_name();
    observer
        .add_card_to(&own, CardKind::Advice, "observer advice")
        .await?;
    // A participant writes into someone else's document and into the control document.
    let mut mallory = ProtocolClient::connect(&url, &session.participant).await?;
    let annas = anna.my_doc_name();
    mallory
        .add_card_to(&annas, CardKind::Advice, "forged advice")
        .await?;
    mallory
        .edit(&DocName::Control, |d| {
            write_seat_count(d, 4).expect("valid")
        })
        .await?;

    observer
        .wait_until("a refusal", |c| !c.refusals.is_empty())
        .await?;
    assert_eq!(observer.refusals[0].0, own);
    assert_eq!(observer.refusals[0].1, Refusal::ReadOnlyRole.code());
    mallory
        .wait_until("two refusals", |c| c.refusals.len() == 2)
        .await?;
    assert_eq!(mallory.refusals[0].1, Refusal::NotYourDocument.code());
    assert_eq!(mallory.refusals[1].0, DocName::Control);
    assert_eq!(mallory.refusals[1].1, Refusal::FacilitatorOnly.code());
    assert!(!mallory.refusals[1].2.is_empty(), "the sender is told why");

    // Not relayed: an honest card sent afterwards arrives, the refused ones never did.
    anna.add_card(CardKind::Theme, "marker").await?;
    watcher
        .wait_until("the marker card", |c| c.all_card_texts().len() == 2)
        .await?;
    assert_eq!(watcher.all_card_texts(), ["Anna's eigen thema", "marker"]);
    assert!(
        !watcher.docs.contains_key(&own),
        "the observer's document was relayed"
    );

    // Not applied: a newcomer sees only the honest cards and the original seat count.
    let mut late = ProtocolClient::connect(&url, &session.facilitator).await?;
    late.wait_until("both honest cards", |c| c.all_card_texts().len() == 2)
        .await?;
    late.drain_for(Duration::from_millis(200)).await?;
    assert_eq!(late.all_card_texts(), ["Anna's eigen thema", "marker"]);
    assert!(!late.welcome.documents.contains(&own));

    // Not stored: after a restart on the same data the refused writes are absent.
    drop((anna, watcher, observer, mallory, late));
    let data = server.stop().await?.expect("temporary data dir");
    let server = TestServer::start_in(data.path(), Limits::default()).await?;
    let mut after =
        ProtocolClient::connect(&server.ws_url(&session.id), &session.facilitator).await?;
    after
        .wait_until("the stored cards", |c| c.all_card_texts().len() == 2)
        .await?;
    after.drain_for(Duration::from_millis(200)).await?;
    assert_eq!(after.all_card_texts(), ["Anna's eigen thema", "marker"]);
    let settings = ovaal_shared::board::control::read_settings(after.doc(&DocName::Control))
        .expect("settings");
    assert_eq!(settings.seats, 8, "the forged seat count was stored");
    let db = std::fs::read(data.path().join("ovaal.db"))?;
    let wal = std::fs::read(data.path().join("ovaal.db-wal")).unwrap_or_default();
    for needle in ["forged advice", "observer advice"] {
        let found = |hay: &[u8]| hay.windows(needle.len()).any(|w| w == needle.as_bytes());
        assert!(
            !found(&db) && !found(&wal),
            "{needle:?} is in the database file"
        );
    }
    Ok(())
}
