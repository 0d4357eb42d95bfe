//! The room screen has a link of its own: a session is born with it (next to the
//! observers' link, with a different token), it reads the board live and writes
//! nothing (refusal 1, no export), and revoking the observers' link leaves the
//! projector connected — and revoking the room screen leaves the observers. A room
//! screen made later in the links panel comes with a join code that works.

use anyhow::{Context, Result, ensure};
use ovaal_shared::board::CardKind;
use ovaal_shared::permissions::Refusal;
use ovaal_shared::protocol::ErrorCode;
use ovaal_shared::{DocName, Role};
use ovaal_tests::ProtocolClient;
use ovaal_tests::TestServer;
use ovaal_tests::http::with_token;
use ovaal_tests::scene::{create_session, ws_url};
use serde_json::{Value, json};

/// The token in a link (`#token=…`, before any `&join=`).
fn token_in(link: &str) -> Result<String> {
    let fragment = link
        .split_once("#token=")
        .map(|(_, f)| f)
        .with_context(|| format!("no token in {link}"))?;
    Ok(fragment.split('&').next().unwrap_or(fragment).to_owned())
}

/// The join code a room-screen link carries (`&join=…`).
fn join_in(link: &str) -> Option<String> {
    link.split_once("&join=").map(|(_, code)| code.to_owned())
}

async fn links(server: &TestServer, session: &str, facilitator: &str) -> Result<Vec<Value>> {
    let path = format!("/api/sessions/{session}/links");
    let listed = with_token(server.addr, "GET", &path, facilitator, &[]).await?;
    ensure!(listed.status == 200, "listing links: {listed:?}");
    Ok(serde_json::from_value(listed.json()?)?)
}

async fn revoke(server: &TestServer, session: &str, facilitator: &str, id: &str) -> Result<()> {
    let path = format!("/api/sessions/{session}/links/{id}");
    let answer = with_token(server.addr, "DELETE", &path, facilitator, &[]).await?;
    ensure!(answer.status == 204, "revoking {id}: {answer:?}");
    Ok(())
}

/// Waits until `client` holds a card with `text` (sent to it live by the server).
async fn sees(client: &mut ProtocolClient, text: &str) -> Result<()> {
    client
        .wait_until(&format!("the card {text:?}"), |c| {
            c.all_card_texts().iter().any(|t| t == text)
        })
        .await
}

#[tokio::test]
async fn the_room_screen_reads_writes_nothing_and_outlives_the_observers_link() -> Result<()> {
    let server = TestServer::start().await?;
    let session = create_session(server.addr, "Intervisie zaal 2", "incident", 6).await?;
    let id = session.links.id.to_string();
    let facilitator = session.links.facilitator.clone();
    let room_token = token_in(&session.room_screen_url)?;
    ensure!(
        room_token != session.links.observer,
        "the room screen still opens with the observers' token"
    );
    ensure!(
        join_in(&session.room_screen_url).as_deref() == Some(session.join_token().as_str()),
        "the room-screen link does not carry the join code: {}",
        session.room_screen_url
    );

    // Listed as its own link, with its own role and label.
    let listed = links(&server, &id, &facilitator).await?;
    let roles: Vec<(&str, &str)> = listed
        .iter()
        .filter_map(|l| Some((l["role"].as_str()?, l["label"].as_str()?)))
        .collect();
    for expected in [
        ("facilitator", "facilitator"),
        ("participant", "participants"),
        ("observer", "observers"),
        ("room_screen", "room screen"),
        ("participant", "join code"),
    ] {
        ensure!(
            roles.contains(&expected),
            "a new session lacks the link {expected:?}: {roles:?}"
        );
    }
    ensure!(roles.len() == 5, "a new session has five links: {roles:?}");

    // What the link is, over HTTP and on the WebSocket.
    let info = with_token(
        server.addr,
        "GET",
        &format!("/api/sessions/{id}"),
        &room_token,
        &[],
    )
    .await?;
    ensure!(
        info.status == 200 && info.json()?["role"] == "room_screen",
        "GET /api/sessions/{{id}} with the room screen's token: {info:?}"
    );
    let url = ws_url(server.addr, &session);
    let mut room = ProtocolClient::connect(&url, &room_token).await?;
    ensure!(
        room.welcome.role == Role::RoomScreen,
        "the room screen connects as {:?}",
        room.welcome.role
    );

    // It writes nothing: not its own card, not the control document.
    let own = room.my_doc_name();
    room.add_card_to(&own, CardKind::Question, "Van de beamer")
        .await?;
    room.add_card_to(&DocName::Control, CardKind::Theme, "Ook niet hier")
        .await?;
    room.round_trip().await?;
    let codes: Vec<u32> = room.refusals.iter().map(|(_, code, _)| *code).collect();
    ensure!(
        codes == [Refusal::ReadOnlyRole.code(); 2],
        "the room screen's writes were not both refused as read-only: {:?}",
        room.refusals
    );
    // Nor does it export (like the observers).
    let export = with_token(
        server.addr,
        "GET",
        &format!("/api/sessions/{id}/export.json"),
        &room_token,
        &[],
    )
    .await?;
    ensure!(
        export.status == 403,
        "the room screen downloaded the harvest: {}",
        export.status
    );

    // It reads the board live.
    let mut anna = ProtocolClient::connect(&url, &session.links.participant).await?;
    anna.join_table("Anna", 1).await?;
    anna.add_card(CardKind::Theme, "Werkdruk").await?;
    anna.round_trip().await?;
    sees(&mut room, "Werkdruk").await?;
    let mut fresh = ProtocolClient::connect(&url, &session.links.facilitator).await?;
    sees(&mut fresh, "Werkdruk").await?;
    fresh.round_trip().await?;
    ensure!(
        !fresh
            .all_card_texts()
            .iter()
            .any(|t| t == "Van de beamer" || t == "Ook niet hier"),
        "a refused write of the room screen was stored: {:?}",
        fresh.all_card_texts()
    );

    // Revoking the observers' link drops the observers, not the projector.
    let mut observer = ProtocolClient::connect(&url, &session.links.observer).await?;
    ensure!(observer.welcome.role == Role::Observer, "observer's role");
    let observers_link = listed
        .iter()
        .find(|l| l["role"] == "observer")
        .and_then(|l| l["id"].as_str())
        .context("the observers' link id")?;
    revoke(&server, &id, &facilitator, observers_link).await?;
    let closed = observer.wait_closed().await?;
    ensure!(
        closed.error.map(|e| e.0) == Some(ErrorCode::Unauthorized),
        "the observer was not told the link was revoked: {:?}",
        observer.closed
    );
    anna.add_card(CardKind::Question, "Wie merkt het het eerst?")
        .await?;
    anna.round_trip().await?;
    sees(&mut room, "Wie merkt het het eerst?")
        .await
        .context("the room screen stopped receiving after the observers' link was revoked")?;
    room.round_trip().await?;
    ensure!(room.closed.is_none(), "the room screen was closed");
    ensure!(
        ProtocolClient::connect(&url, &session.links.observer)
            .await
            .is_err(),
        "the revoked observers' link still connects"
    );
    let again = ProtocolClient::connect(&url, &room_token).await?;
    ensure!(again.welcome.role == Role::RoomScreen, "room screen again");

    // And the other way round: a new observers' link outlives the room screen's.
    let body = serde_json::to_vec(&json!({"role": "observer"}))?;
    let path = format!("/api/sessions/{id}/links");
    let made = with_token(server.addr, "POST", &path, &facilitator, &body).await?;
    ensure!(made.status == 201, "a new observers' link: {made:?}");
    let mut watcher = ProtocolClient::connect(
        &url,
        &token_in(made.json()?["link"].as_str().unwrap_or_default())?,
    )
    .await?;
    let room_link = listed
        .iter()
        .find(|l| l["role"] == "room_screen")
        .and_then(|l| l["id"].as_str())
        .context("the room screen's link id")?;
    revoke(&server, &id, &facilitator, room_link).await?;
    room.wait_closed()
        .await
        .context("revoking the room screen's link left it connected")?;
    anna.add_card(CardKind::Advice, "Plan een rustig uur")
        .await?;
    anna.round_trip().await?;
    sees(&mut watcher, "Plan een rustig uur")
        .await
        .context("the observer stopped receiving after the room screen's link was revoked")?;
    ensure!(watcher.closed.is_none(), "the observer was closed");
    Ok(())
}

#[tokio::test]
async fn a_room_screen_made_later_comes_with_a_working_join_code() -> Result<()> {
    let server = TestServer::start().await?;
    let session = create_session(server.addr, "Leerkring", "learning-circle", 8).await?;
    let id = session.links.id.to_string();
    let path = format!("/api/sessions/{id}/links");
    let body = serde_json::to_vec(&json!({"role": "room_screen"}))?;
    let made = with_token(
        server.addr,
        "POST",
        &path,
        &session.links.facilitator,
        &body,
    )
    .await?;
    ensure!(made.status == 201, "a room screen's link: {made:?}");
    let made = made.json()?;
    ensure!(
        made["role"] == "room_screen" && made["label"] == "room screen",
        "made as {made}"
    );
    let link = made["link"].as_str().context("no link")?;
    let code = join_in(link).with_context(|| format!("no join code in {link}"))?;
    ensure!(
        made["join_code"].as_str().map(|c| c.replace('-', "")) == Some(code.clone()),
        "the answer's join code is not the link's: {made}"
    );
    ensure!(
        code != session.join_token(),
        "the new screen shows the session's first code, which the server cannot know"
    );

    let url = ws_url(server.addr, &session);
    let screen = ProtocolClient::connect(&url, &token_in(link)?).await?;
    ensure!(
        screen.welcome.role == Role::RoomScreen,
        "the new screen's role"
    );
    let mut joiner = ProtocolClient::connect(&url, &code).await?;
    ensure!(
        joiner.welcome.role == Role::Participant,
        "the new screen's code opens the session as {:?}",
        joiner.welcome.role
    );
    joiner.join_table("Bram", 2).await?;
    joiner.add_card(CardKind::Theme, "Samenwerken").await?;
    joiner.round_trip().await?;
    ensure!(joiner.refusals.is_empty(), "{:?}", joiner.refusals);
    // Both are listed, each to be revoked on its own.
    let listed = links(&server, &id, &session.links.facilitator).await?;
    let count = |role: &str, label: &str| {
        listed
            .iter()
            .filter(|l| l["role"] == role && l["label"] == label)
            .count()
    };
    ensure!(
        count("room_screen", "room screen") == 2 && count("participant", "join code") == 2,
        "after adding a room screen the list is {listed:?}"
    );
    Ok(())
}
