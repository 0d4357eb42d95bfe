//! A garbage or oversized frame closes only the offending connection, with a clear
//! reason; everyone else carries on.

use futures_util::SinkExt;
use ovaal_server::Limits;
use ovaal_shared::board::CardKind;
use ovaal_shared::protocol::ErrorCode;
use ovaal_tests::{ProtocolClient, TestServer};
use tokio_tungstenite::tungstenite::Message;

async fn others_carry_on(
    first: &mut ProtocolClient,
    second: &mut ProtocolClient,
    text: &str,
) -> anyhow::Result<()> {
    first.add_card(CardKind::Theme, text).await?;
    let text = text.to_owned();
    second
        .wait_until("the card after the bad frame", move |c| {
            c.all_card_texts().contains(&text)
        })
        .await
}

#[tokio::test]
async fn garbage_and_oversized_frames_close_only_that_connection() -> anyhow::Result<()> {
    let limits = Limits {
        max_message_bytes: 64 * 1024,
        ..Limits::default()
    };
    let server = TestServer::start_with(limits).await?;
    let session = server.create_session("Robuust").await?;
    let url = server.ws_url(&session.id);
    let mut anna = ProtocolClient::connect(&url, &session.participant).await?;
    let mut bram = ProtocolClient::connect(&url, &session.participant).await?;

    // Garbage after a valid handshake.
    let mut garbage = ProtocolClient::connect(&url, &session.participant).await?;
    garbage
        .send_raw(vec![0xff, 0xff, 0xff, 0xff, 0x01, 0x02])
        .await?;
    let closed = garbage.wait_closed().await?;
    assert_eq!(closed.error.map(|e| e.0), Some(ErrorCode::MalformedMessage));
    assert_eq!(
        closed.close_code,
        Some(ErrorCode::MalformedMessage.close_code())
    );
    others_carry_on(&mut anna, &mut bram, "na rommel").await?;

    // A well-framed update whose payload is not a yrs update: refused as malformed,
    // nothing applied, and the connection stays (protocol.md §6.1).
    let mut bad_update = ProtocolClient::connect(&url, &session.participant).await?;
    let mine = bad_update.my_doc_name();
    bad_update
        .send(&ovaal_shared::protocol::ClientMessage::Sync {
            doc: mine,
            message: ovaal_shared::protocol::SyncMessage::Update(vec![9, 9, 9, 9, 9]),
        })
        .await?;
    bad_update
        .wait_until("a refusal", |c| !c.refusals.is_empty())
        .await?;
    assert_eq!(
        bad_update.refusals[0].1,
        ovaal_shared::board::schema::code::MALFORMED
    );
    assert!(bad_update.closed.is_none());
    others_carry_on(&mut bram, &mut anna, "na kapotte update").await?;

    // Larger than the limit.
    let mut big = ProtocolClient::connect(&url, &session.participant).await?;
    big.send_raw(vec![0u8; 200 * 1024]).await?;
    let closed = big.wait_closed().await?;
    assert_eq!(
        closed.close_code,
        Some(ErrorCode::MessageTooLarge.close_code())
    );
    others_carry_on(&mut anna, &mut bram, "na te groot bericht").await?;

    // A text frame is not part of the protocol.
    let mut text = ovaal_tests::client::raw_connect(&url).await?;
    text.send(Message::Text("hallo".into())).await?;
    let mut text_client_closed = false;
    while let Ok(Some(frame)) = tokio::time::timeout(
        ovaal_tests::wait::DEADLINE,
        futures_util::StreamExt::next(&mut text),
    )
    .await
    {
        if let Ok(Message::Close(Some(f))) = frame {
            assert_eq!(u16::from(f.code), ErrorCode::HelloExpected.close_code());
            text_client_closed = true;
            break;
        }
    }
    assert!(
        text_client_closed,
        "a text frame instead of hello must close the connection"
    );
    others_carry_on(&mut bram, &mut anna, "na tekstframe").await?;
    Ok(())
}
