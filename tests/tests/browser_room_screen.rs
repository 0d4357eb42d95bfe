//! The room screen (the projector): it shows the join code and a QR code that a phone
//! can scan. The QR is read back from a screenshot of the page and must decode to the
//! participant link `{origin}/s/{id}#token={JOINCODE}`; that token really opens the
//! session as a participant, both over the protocol and in a browser. The room screen
//! itself stays read-only and shows cards as they are written, and it has a link of its
//! own: revoking the observers' link leaves it connected.

use std::time::Duration;

use anyhow::{Context, Result, ensure};
use ovaal_shared::Role;
use ovaal_shared::board::CardKind;
use ovaal_shared::board::participant::read_cards;
use ovaal_tests::ProtocolClient;
use ovaal_tests::TestServer;
use ovaal_tests::board_page::{
    WAIT, artifact, assert_no_console_errors, card_id, card_place, card_selector, delta_to_seat,
    drag_over, fill_join_form, js, require_client,
};
use ovaal_tests::browser::Browser;
use ovaal_tests::facilitation_page::holds_for;
use ovaal_tests::http::with_token;
use ovaal_tests::qr;
use ovaal_tests::scene::{create_session, ws_url};

#[tokio::test]
async fn the_room_screen_qr_scans_to_a_working_participant_link() -> Result<()> {
    require_client()?;
    let server = TestServer::start().await?;
    let session = create_session(server.addr, "Leerkring in zaal 3", "learning-circle", 8).await?;
    let url = ws_url(server.addr, &session);
    let mut anna = ProtocolClient::connect(&url, &session.links.participant).await?;
    anna.join_table("Anna", 1).await?;
    anna.add_card(CardKind::Theme, "Werkdruk").await?;
    anna.round_trip().await?;

    let browser = Browser::launch().await?;
    let room = browser.new_page(1280, 720).await?;
    room.goto(&session.room_screen_url).await?;
    room.wait_for("document.body.dataset.page === 'room'", WAIT)
        .await
        .context("the room-screen link did not open the room screen")?;
    let role = room
        .wait_for("document.body.dataset.role || null", WAIT)
        .await
        .context("the room screen never says its role (body[data-role])")?;
    ensure!(
        role == "room_screen",
        "the room screen runs with role {role}"
    );
    card_id(&room, "Werkdruk").await?;

    // The join code, readable from the back of the room.
    let shown = room
        .wait_for(
            "document.querySelector('#room-join-code')?.textContent.trim() || null",
            WAIT,
        )
        .await?;
    let shown = shown.as_str().unwrap_or_default().to_owned();
    let normalised: String = shown.chars().filter(char::is_ascii_alphanumeric).collect();
    ensure!(
        normalised == session.join_token(),
        "the room screen shows the join code {shown:?}, the session's is {}",
        session.join_code
    );
    // `#room-count`: people at the table now (Anna's protocol client announces no
    // presence, the screen does not count itself).
    let here =
        "Number((document.querySelector('#room-count')?.textContent.match(/\\d+/) ?? [NaN])[0])";
    let before = room
        .wait_for(&format!("Number.isFinite({here}) ? [{here}] : null"), WAIT)
        .await
        .context("#room-count shows no number")?;
    let before = before[0].as_u64().context("#room-count")?;
    ensure!(before == 0, "#room-count says {before} with nobody present");

    // The QR code, as a camera would see it.
    room.wait_for(
        "!!document.querySelector('#room-qr svg, svg#room-qr')",
        WAIT,
    )
    .await
    .context("the room screen has no inline-SVG QR code (#room-qr)")?;
    room.screenshot(artifact("room-screen.png")).await?;
    let decoded = qr::read_qr(&room, "#room-qr").await?;
    let origin_and_path = session
        .links
        .participant_url
        .split_once('#')
        .map(|(before, _)| before.to_owned())
        .context("participant link without a fragment")?;
    let expected = format!("{origin_and_path}#token={}", session.join_token());
    ensure!(
        decoded == expected,
        "the QR code decodes to {decoded:?}, expected {expected:?}"
    );
    ensure!(
        decoded.starts_with(&server.base_url()),
        "the QR link {decoded:?} does not start with the server's origin {}",
        server.base_url()
    );

    // The scanned token opens the session as a participant who can write...
    let token = decoded
        .split_once("#token=")
        .map(|(_, t)| t.to_owned())
        .context("no token in the QR link")?;
    let mut scanned = ProtocolClient::connect(&url, &token).await?;
    ensure!(
        scanned.welcome.role == Role::Participant,
        "the QR token opens the session as {:?}",
        scanned.welcome.role
    );
    scanned.join_table("Bram", 2).await?;
    let card = scanned
        .add_card(CardKind::Question, "Wie heeft er last van?")
        .await?;
    scanned.round_trip().await?;
    ensure!(
        scanned.refusals.is_empty(),
        "the server refused the scanned participant's card: {:?}",
        scanned.refusals
    );
    // ...and the room screen shows the new card live.
    room.wait_for(
        &format!(
            "!!document.querySelector({})",
            js(&card_selector(card.as_str()))
        ),
        WAIT,
    )
    .await?;

    // ...and in a browser the scanned link lands on the join screen as a participant.
    let phone = browser.new_page(375, 667).await?;
    phone.goto(&decoded).await?;
    phone
        .wait_for(
            "document.body.dataset.role === 'participant' && !!document.querySelector('#join-name')",
            WAIT,
        )
        .await
        .context("the scanned link does not open the join screen as a participant")?;
    // Joining from the phone counts on the room screen.
    fill_join_form(&phone, "Carla").await?;
    room.wait_for(&format!("{here} === {}", before + 1), WAIT)
        .await
        .context("#room-count did not count the person who joined from the phone")?;

    // The room screen is read-only: no form, no join screen, no card tools, and a
    // drag does not move anything.
    let offers = room
        .eval(
            "(() => { const visible = (s) => [...document.querySelectorAll(s)].some(e => \
             e.offsetParent !== null); return ['#card-add', '#card-text', '#join-name', \
             '.card-edit', '.card-delete', '.card-move', '#seat-count'].filter(visible); })()",
        )
        .await?;
    ensure!(
        offers.as_array().is_some_and(Vec::is_empty),
        "the room screen offers to write: {offers}"
    );
    let werkdruk = card_id(&room, "Werkdruk").await?;
    let before = card_place(&room, &werkdruk).await?;
    let (dx, dy) = delta_to_seat(&room, &werkdruk, 5).await?;
    drag_over(&room, &card_selector(&werkdruk), dx, dy).await?;
    // A later card from Anna reaches the room screen after anything the drag sent.
    let marker = anna.add_card(CardKind::Advice, "Neem pauzes").await?;
    room.wait_for(
        &format!(
            "!!document.querySelector({})",
            js(&card_selector(marker.as_str()))
        ),
        WAIT,
    )
    .await?;
    let after = card_place(&room, &werkdruk).await?;
    ensure!(
        after == before,
        "dragging on the room screen moved a card from {before} to {after}"
    );
    anna.round_trip().await?;
    let anna_id = anna.participant().clone();
    let stored = read_cards(
        anna.doc(&ovaal_shared::DocName::Participant(anna_id.clone())),
        &anna_id,
    );
    let werkdruk_stored = stored
        .iter()
        .find(|c| c.text == "Werkdruk")
        .context("Anna's card is gone")?;
    ensure!(
        (werkdruk_stored.position.x - 0.3).abs() < 1e-9
            && (werkdruk_stored.position.y - 0.7).abs() < 1e-9
            && anna.stored_place(&werkdruk).is_none(),
        "a drag on the room screen moved Anna's card to {:?} / {:?}",
        werkdruk_stored.position,
        anna.stored_place(&werkdruk)
    );

    // The projector has a link of its own: revoking the observers' link leaves it on.
    let path = format!("/api/sessions/{}/links", session.links.id);
    let facilitator = &session.links.facilitator;
    let listed = with_token(server.addr, "GET", &path, facilitator, &[]).await?;
    let observers = listed
        .json()?
        .as_array()
        .and_then(|links| links.iter().find(|l| l["role"] == "observer").cloned())
        .and_then(|l| l["id"].as_str().map(str::to_owned))
        .context("no observers' link listed")?;
    let mut observer = ProtocolClient::connect(&url, &session.links.observer).await?;
    let revoked = with_token(
        server.addr,
        "DELETE",
        &format!("{path}/{observers}"),
        facilitator,
        &[],
    )
    .await?;
    ensure!(revoked.status == 204, "revoking the observers: {revoked:?}");
    observer
        .wait_closed()
        .await
        .context("the observers' link was not revoked")?;
    let after_revoke = anna
        .add_card(CardKind::Question, "Wat vraagt de zaal?")
        .await?;
    room.wait_for(
        &format!(
            "!!document.querySelector({})",
            js(&card_selector(after_revoke.as_str()))
        ),
        WAIT,
    )
    .await
    .context("the room screen no longer follows the board once the observers' link went")?;
    let connected = holds_for(
        &room,
        "document.body.dataset.connection === 'connected'",
        Duration::from_secs(1),
    )
    .await
    .context("the room screen lost its connection when the observers' link was revoked")?;
    ensure!(
        connected == true,
        "the room screen is not connected after the observers' link was revoked"
    );

    room.screenshot(artifact("room-screen-after.png")).await?;
    assert_no_console_errors(&[("room screen", &room), ("phone", &phone)]).await
}
