//! Nobody locks anyone out: a participant link (shown on a projector, shared by the
//! whole group) cannot fill a session, one person holds a few connections only, and
//! the facilitator and the room screen always get in.

use ovaal_server::Limits;
use ovaal_shared::protocol::ErrorCode;
use ovaal_tests::client::new_identity;
use ovaal_tests::{ProtocolClient, TestServer};

#[tokio::test]
async fn one_participant_link_cannot_lock_out_the_facilitator_or_the_room_screen()
-> anyhow::Result<()> {
    let limits = Limits::default();
    let per_link = limits.admission().per_link();
    let server = TestServer::start_with(limits.clone()).await?;
    let session = server.create_session("Leerkring").await?;
    let url = server.ws_url(&session.id);

    // 64 people through the one participant link: the link's share gets in.
    let mut group = Vec::new();
    let mut refusals = Vec::new();
    for _ in 0..limits.max_connections_per_room {
        let (id, key) = new_identity();
        match ProtocolClient::try_connect_as(&url, &session.participant, id, &key).await? {
            Ok(client) => group.push(client),
            Err(refusal) => refusals.push(refusal),
        }
    }
    assert_eq!(group.len(), per_link);
    assert_eq!(refusals.len(), limits.max_connections_per_room - per_link);
    for (code, reason) in &refusals {
        assert_eq!(*code, ErrorCode::LinkFull, "{reason}");
    }

    let screen = ProtocolClient::connect(&url, &session.room_screen).await?;
    let observer = ProtocolClient::connect(&url, &session.observer).await?;
    let facilitator = ProtocolClient::connect(&url, &session.facilitator).await?;
    assert_eq!(screen.welcome.role, ovaal_shared::Role::RoomScreen);
    assert_eq!(observer.welcome.role, ovaal_shared::Role::Observer);
    assert_eq!(facilitator.welcome.role, ovaal_shared::Role::Facilitator);
    Ok(())
}

#[tokio::test]
async fn one_person_holds_a_few_connections() -> anyhow::Result<()> {
    let limits = Limits::default();
    let server = TestServer::start_with(limits.clone()).await?;
    let session = server.create_session("Intervisie").await?;
    let url = server.ws_url(&session.id);
    let (anna, key) = new_identity();
    let mut devices = Vec::new();
    for _ in 0..limits.max_connections_per_participant {
        devices.push(
            ProtocolClient::connect_as(&url, &session.participant, anna.clone(), &key).await?,
        );
    }
    let refused = ProtocolClient::try_connect_as(&url, &session.participant, anna.clone(), &key);
    let Err((code, reason)) = refused.await? else {
        anyhow::bail!("one device too many was let in");
    };
    assert_eq!(code, ErrorCode::ParticipantFull, "{reason}");
    // Someone else on the same link still gets in, and so does Anna once she closes a tab.
    ProtocolClient::connect(&url, &session.participant).await?;
    drop(devices.pop());
    ovaal_tests::wait::until("Anna's closed tab to leave the room", || async {
        ProtocolClient::connect_as(&url, &session.participant, anna.clone(), &key)
            .await
            .ok()
    })
    .await?;
    Ok(())
}
