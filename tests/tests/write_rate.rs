//! A connection that floods the session with writes is refused once its burst is
//! spent (`Refused` with `TooFast`); everyone else carries on as before.

use ovaal_server::Limits;
use ovaal_shared::board::CardKind;
use ovaal_shared::permissions::Refusal;
use ovaal_tests::{ProtocolClient, TestServer};

#[tokio::test]
async fn a_flood_from_one_connection_is_refused_after_the_burst() -> anyhow::Result<()> {
    let limits = Limits::default();
    let burst = limits.write_rate.burst as usize;
    let server = TestServer::start_with(limits).await?;
    let session = server.create_session("Socratisch").await?;
    let url = server.ws_url(&session.id);
    let mut flooder = ProtocolClient::connect(&url, &session.participant).await?;
    let mut other = ProtocolClient::connect(&url, &session.participant).await?;
    let mut facilitator = ProtocolClient::connect(&url, &session.facilitator).await?;
    flooder.round_trip().await?;
    let before = usize::try_from(flooder.writes_sent)?;

    let flood = burst + 100;
    for seat in 0..flood {
        flooder
            .join_table("Vloed", u32::try_from(seat % 12)? + 1)
            .await?;
    }
    // Every write is handled, the refused ones too.
    flooder.wait_stored().await?;
    let refused = flooder.refusals.len();
    assert!(
        refused > 0 && refused <= flood + before - burst,
        "{refused} of {flood} refused"
    );
    // Sending them takes a moment, during which a few tokens come back.
    assert!(refused >= 80, "only {refused} of {flood} refused");
    for (_, code, reason) in &flooder.refusals {
        assert_eq!(*code, Refusal::TooFast.code(), "{reason}");
    }

    // The others are unaffected: their writes are accepted, stored and relayed.
    other
        .add_card(CardKind::Question, "wat heb je nodig?")
        .await?;
    other.wait_stored().await?;
    assert!(other.refusals.is_empty());
    facilitator
        .wait_until("the other participant's card", |c| {
            c.all_card_texts().contains(&"wat heb je nodig?".to_owned())
        })
        .await?;
    assert!(facilitator.refusals.is_empty());
    Ok(())
}
