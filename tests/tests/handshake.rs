//! The first message decides who a connection is; every wrong start is refused with a
//! clear error and a matching close code.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "an integration test's helpers are test code: a failed step panics the test"
)]

use ovaal_server::Limits;
use ovaal_shared::ParticipantId;
use ovaal_shared::protocol::{ClientMessage, ErrorCode, Hello, ServerMessage};
use ovaal_tests::client::{new_identity, raw_connect};
use ovaal_tests::{ProtocolClient, TestServer};

use futures_util::{SinkExt, StreamExt};
use tokio_tungstenite::tungstenite::Message;

/// Sends a hello and returns the error the server answered with and its close code.
async fn refused(url: &str, hello: Hello) -> anyhow::Result<(ErrorCode, u16)> {
    let mut socket = raw_connect(url).await?;
    socket
        .send(Message::Binary(ClientMessage::Hello(hello).encode().into()))
        .await?;
    let mut error = None;
    loop {
        match tokio::time::timeout(ovaal_tests::wait::DEADLINE, socket.next()).await? {
            Some(Ok(Message::Binary(b))) => {
                if let ServerMessage::Error { code, reason } = ServerMessage::decode(&b)? {
                    assert!(!reason.is_empty());
                    error = Some(code);
                }
            }
            Some(Ok(Message::Close(Some(frame)))) => {
                return Ok((
                    error.expect("an Error frame before close"),
                    frame.code.into(),
                ));
            }
            other => anyhow::bail!("expected an error and a close, got {other:?}"),
        }
    }
}

fn hello(token: &str, participant: ParticipantId, key: &str) -> Hello {
    Hello {
        version: ovaal_shared::protocol::PROTOCOL_VERSION,
        token: token.into(),
        participant,
        key: key.into(),
    }
}

#[tokio::test]
async fn wrong_starts_are_refused_clearly() -> anyhow::Result<()> {
    let limits = Limits {
        max_connections_per_room: 2,
        ..Limits::default()
    };
    let server = TestServer::start_with(limits).await?;
    let session = server.create_session("Roddelmethode").await?;
    let url = server.ws_url(&session.id);

    let (id, key) = new_identity();
    let mut old = hello(&session.participant, id.clone(), &key);
    old.version = 999;
    let expect = |code: ErrorCode| (code, code.close_code());
    assert_eq!(
        refused(&url, old).await?,
        expect(ErrorCode::VersionMismatch)
    );
    assert_eq!(
        refused(&url, hello("wrong-token", id.clone(), &key)).await?,
        expect(ErrorCode::Unauthorized)
    );
    let other = server.create_session("Andere sessie").await?;
    assert_eq!(
        refused(&url, hello(&other.participant, id.clone(), &key)).await?,
        expect(ErrorCode::Unauthorized),
        "a token of another session must not open this one"
    );

    // A key too short to be a secret, or absurdly long, is a malformed hello (not a
    // key mismatch, whose advice "start as a new participant" would loop).
    for bad in ["kort".to_owned(), "k".repeat(257)] {
        let (fresh, _) = new_identity();
        assert_eq!(
            refused(&url, hello(&session.participant, fresh, &bad)).await?,
            expect(ErrorCode::MalformedMessage)
        );
    }

    // The first connection binds the key to the id; another key is refused.
    let first = ProtocolClient::connect_as(&url, &session.participant, id.clone(), &key).await?;
    assert_eq!(
        refused(
            &url,
            hello(&session.participant, id.clone(), "another-key-123456")
        )
        .await?,
        expect(ErrorCode::ParticipantKeyMismatch)
    );
    // The same key works again (a reconnect).
    let again = ProtocolClient::connect_as(&url, &session.participant, id.clone(), &key).await?;

    // Two connections is this room's limit.
    let (third, third_key) = new_identity();
    assert_eq!(
        refused(&url, hello(&session.participant, third, &third_key)).await?,
        expect(ErrorCode::RoomFull)
    );
    drop((first, again));

    // Anything but a hello first.
    let mut socket = raw_connect(&url).await?;
    socket
        .send(Message::Binary(
            ClientMessage::QueryAwareness.encode().into(),
        ))
        .await?;
    let answer = socket.next().await.expect("an answer")?;
    let Message::Binary(bytes) = answer else {
        anyhow::bail!("expected binary, got {answer:?}")
    };
    assert!(matches!(
        ServerMessage::decode(&bytes)?,
        ServerMessage::Error {
            code: ErrorCode::HelloExpected,
            ..
        }
    ));
    Ok(())
}
