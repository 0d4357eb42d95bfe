//! The room screen as a projector shows it, at 1920 × 1080 and 1280 × 720, with a
//! full 14-seat table: the app's controls stay out of the picture until the mouse
//! moves (and go again after a few seconds); the phase's instruction is readable from
//! the back of the room; the join code and the QR code are always whole on the screen
//! and never covered, not even by the "time is up" notice; nothing scrolls sideways.
//! The facilitator puts a card (and a place) in the spotlight from their list; the
//! room screen shows it large over the table, right to left for Arabic text, until
//! the facilitator clears it.

use anyhow::{Context, Result, ensure};
use ovaal_shared::DocName;
use ovaal_shared::board::CardKind;
use ovaal_shared::board::control::read_settings;
use ovaal_shared::board::facilitation::{Timer, write_timer};
use ovaal_tests::board_page::{
    WAIT, artifact, assert_no_console_errors, assert_no_horizontal_overflow, js, require_client,
};
use ovaal_tests::browser::{Browser, Page};
use ovaal_tests::facilitation_page::{Person, open_as};
use ovaal_tests::room_page::{
    assert_join_code_clear_of_time_up, assert_join_code_in_view, assert_readable, server_now_ms,
};
use ovaal_tests::scene::{create_session, ws_url};
use ovaal_tests::{ProtocolClient, TestServer};
use serde_json::json;

/// The people at the table, one card each; seat 0 is the facilitator's.
const PEOPLE: [(&str, CardKind, &str); 13] = [
    ("Anna", CardKind::Theme, "Werkdruk in het team"),
    (
        "Bram",
        CardKind::Case,
        "Hoe zeg ik nee tegen mijn leidinggevende?",
    ),
    (
        "Carla",
        CardKind::Question,
        "Wat heb je zelf al geprobeerd?",
    ),
    ("Dirk", CardKind::Question, "Wie heeft er last van?"),
    (
        "Eva",
        CardKind::Advice,
        "Plan elke week een uur zonder overleg",
    ),
    ("Farid", CardKind::Question, "ما الذي جربته بنفسك حتى الآن؟"),
    ("Gert", CardKind::Mirror, "Ik zie iemand die veel draagt"),
    (
        "Hanna",
        CardKind::Advice,
        "Vraag om een gesprek over prioriteiten",
    ),
    (
        "Ilse",
        CardKind::Question,
        "Wat zou je doen als het niet kon mislukken?",
    ),
    ("Joost", CardKind::Theme, "Grenzen stellen"),
    (
        "Kim",
        CardKind::Insight,
        "Nee zeggen is ook ja zeggen tegen iets anders",
    ),
    ("Lotte", CardKind::Action, "Morgen mijn agenda opschonen"),
    ("Noa", CardKind::Question, "מה היית עושה אחרת?"),
];

const ARABIC: &str = "ما الذي جربته بنفسك حتى الآن؟";

#[tokio::test]
async fn the_room_screen_reads_from_the_back_of_the_room_and_shows_the_spotlight() -> Result<()> {
    require_client()?;
    let server = TestServer::start().await?;
    let session = create_session(server.addr, "Leerkring zaal 3", "learning-circle", 14).await?;
    let url = ws_url(server.addr, &session);
    let mut clients = Vec::new();
    for (n, (name, kind, text)) in PEOPLE.iter().enumerate() {
        let mut client = ProtocolClient::connect(&url, &session.links.participant).await?;
        client.join_table(name, n as u32 + 1).await?;
        client.add_card(*kind, text).await?;
        client.round_trip().await?;
        ensure!(client.refusals.is_empty(), "{name}: {:?}", client.refusals);
        clients.push(client);
    }
    let mut facilitator = ProtocolClient::connect(&url, &session.links.facilitator).await?;
    facilitator
        .wait_until("the control document", |c| {
            c.docs
                .get(&DocName::Control)
                .and_then(read_settings)
                .is_some()
        })
        .await?;

    let browser = Browser::launch().await?;
    let room = browser.new_page(1920, 1080).await?;
    room.goto(&session.room_screen_url).await?;
    room.wait_for(
        "document.body.dataset.page === 'room' && document.body.dataset.connection === 'connected'",
        WAIT,
    )
    .await
    .context("the room-screen link did not open a connected room screen")?;
    room.wait_for(
        &format!(
            "document.querySelectorAll('.card').length >= {} || null",
            PEOPLE.len()
        ),
        WAIT,
    )
    .await
    .context("the room screen does not show every card")?;
    room.wait_for(
        "!!document.querySelector('#room-phase .room-phase-instruction') && \
         !!document.querySelector('svg#room-qr')",
        WAIT,
    )
    .await
    .context("the room screen shows no phase instruction or no QR code")?;

    // The controls: out of the picture until the mouse moves, back after it, gone
    // again after a few seconds.
    controls_hidden(&room, "on arrival").await?;
    room.call(
        "Input.dispatchMouseEvent",
        json!({ "type": "mouseMoved", "x": 400, "y": 300 }),
    )
    .await?;
    room.wait_for(&format!("{CONTROLS_OPACITY} === 1"), WAIT)
        .await
        .context("moving the mouse did not bring the room screen's controls back")?;
    controls_hidden(&room, "a few seconds after the mouse stopped").await?;

    for (width, height) in [(1920, 1080), (1280, 720)] {
        room.set_viewport(width, height).await?;
        room.wait_for(&format!("window.innerWidth === {width} || null"), WAIT)
            .await?;
        assert_readable(&room, height).await?;
        assert_join_code_in_view(&room, &format!("{width}×{height}")).await?;
        assert_no_horizontal_overflow(&room, &format!("room screen at {width}×{height}")).await?;
        room.screenshot(artifact(&format!("room-projector-{width}x{height}.png")))
            .await?;
    }

    // "Time is up" shows, but not over the join code or the QR code.
    let now = server_now_ms();
    facilitator
        .edit(&DocName::Control, |doc| {
            write_timer(
                doc,
                Timer::Running {
                    ends_at_ms: now + 1_500,
                },
            );
        })
        .await?;
    facilitator.round_trip().await?;
    room.wait_for("!!document.querySelector('#notices .toast.timer')", WAIT)
        .await
        .context("the room screen showed no time-up notice")?;
    assert_join_code_clear_of_time_up(&room, "1280×720 with the time-up notice").await?;
    room.screenshot(artifact("room-projector-1280x720-time-up.png"))
        .await?;

    // The facilitator puts Farid's Arabic question in the spotlight from the list.
    let fien = browser.new_page(1280, 900).await?;
    open_as(
        &fien,
        Person::Facilitator,
        &session.links.facilitator_url,
        "Fien",
        Some(0),
    )
    .await?;
    fien.click("button[data-view='list']").await?;
    let arabic_item = format!(
        "[...document.querySelectorAll('#list-view li.list-card')].find(li => \
         li.querySelector('.list-card-text')?.textContent === {})",
        js(ARABIC)
    );
    fien.wait_for(&format!("!!{arabic_item}"), WAIT)
        .await
        .context("the facilitator's list does not show Farid's card")?;
    let direction = fien
        .eval(&format!(
            "(() => {{ const t = {arabic_item}.querySelector('.list-card-text'); \
             return [t.getAttribute('dir'), getComputedStyle(t).direction]; }})()"
        ))
        .await?;
    ensure!(
        direction == json!(["auto", "rtl"]),
        "the Arabic card's text in the list is [dir, direction] = {direction}"
    );
    fien.eval(&format!(
        "{arabic_item}.querySelector('.list-spotlight').click()"
    ))
    .await?;
    fien.wait_for(
        "!document.querySelector('#spotlight-bar').hidden && \
         !!document.querySelector('#spotlight-clear')",
        WAIT,
    )
    .await
    .context("the facilitator sees no spotlight bar with a clear button")?;

    for (width, height) in [(1280, 720), (1920, 1080)] {
        room.set_viewport(width, height).await?;
        room.wait_for(&format!("window.innerWidth === {width} || null"), WAIT)
            .await?;
        let text = room
            .wait_for(
                "(() => { const s = document.querySelector('#room-spotlight'); \
                 const t = s && !s.hidden && s.querySelector('.spotlight-text'); \
                 return t ? t.textContent : null; })()",
                WAIT,
            )
            .await
            .context("the spotlit card does not appear on the room screen")?;
        ensure!(text == ARABIC, "the room screen spotlights {text}");
        let shown = room
            .eval(
                "(() => { const t = document.querySelector('#room-spotlight .spotlight-text'); \
                 const r = t.getBoundingClientRect(); const b = document.querySelector('#board') \
                 .getBoundingClientRect(); return { size: parseFloat(getComputedStyle(t).fontSize), \
                 direction: getComputedStyle(t).direction, dir: t.getAttribute('dir'), \
                 width: r.width, board: b.width, hit: t.contains(document.elementFromPoint( \
                 r.left + r.width / 2, r.top + r.height / 2)) }; })()",
            )
            .await?;
        let size = shown["size"].as_f64().unwrap_or_default();
        let least = if width == 1920 {
            40.0
        } else {
            40.0 * 720.0 / 1080.0
        };
        ensure!(
            size >= least,
            "the spotlit card's text is {size}px at {width}×{height}, at least {least}px wanted"
        );
        ensure!(
            shown["direction"] == "rtl" && shown["dir"] == "auto",
            "the spotlit Arabic card does not read right to left: {shown}"
        );
        ensure!(
            shown["hit"] == true,
            "something covers the spotlit card: {shown}"
        );
        assert_join_code_in_view(&room, &format!("{width}×{height} with the spotlight")).await?;
        assert_no_horizontal_overflow(&room, &format!("spotlight at {width}×{height}")).await?;
        room.screenshot(artifact(&format!(
            "room-projector-{width}x{height}-spotlight.png"
        )))
        .await?;
    }

    // A place: Anna's seat (seat 1), with her card.
    fien.eval("document.querySelector('#spotlight-clear').click()")
        .await?;
    room.wait_for("document.querySelector('#room-spotlight').hidden", WAIT)
        .await
        .context("clearing the spotlight did not take it off the room screen")?;
    fien.wait_for("document.querySelector('#spotlight-bar').hidden", WAIT)
        .await
        .context("the spotlight bar stays after clearing")?;
    fien.click("button.list-spotlight-place[data-place='seat:1']")
        .await?;
    room.wait_for(
        "(() => { const s = document.querySelector('#room-spotlight'); return !!s && !s.hidden && \
         /Anna/.test(s.querySelector('.spotlight-title')?.textContent ?? '') && \
         [...s.querySelectorAll('.spotlight-text')].some(t => t.textContent === 'Werkdruk in het team'); })()",
        WAIT,
    )
    .await
    .context("Anna's place in the spotlight does not show on the room screen")?;
    assert_join_code_in_view(&room, "1920×1080 with a place in the spotlight").await?;
    room.screenshot(artifact("room-projector-1920x1080-spotlight-place.png"))
        .await?;
    fien.screenshot(artifact("room-projector-facilitator-list.png"))
        .await?;
    fien.click("#spotlight-clear").await?;
    room.wait_for("document.querySelector('#room-spotlight').hidden", WAIT)
        .await
        .context("clearing a place's spotlight did not take it off the room screen")?;

    assert_no_console_errors(&[("room screen", &room), ("facilitator", &fien)]).await
}

/// The opacity of the header's controls on the room screen.
const CONTROLS_OPACITY: &str =
    "Number(getComputedStyle(document.querySelector('header .topbar-right')).opacity)";

async fn controls_hidden(room: &Page, when: &str) -> Result<()> {
    room.wait_for(
        &format!("{CONTROLS_OPACITY} === 0 && document.body.dataset.controls === undefined"),
        WAIT,
    )
    .await
    .with_context(|| format!("the room screen shows its controls {when}"))?;
    // Still in the page for the keyboard: they are transparent, not gone.
    let reachable = room
        .eval(
            "['#lang-switch', 'button[data-view=\"room\"]'].every(s => { const e = \
             document.querySelector(s); return !!e && e.offsetParent !== null; })",
        )
        .await?;
    ensure!(
        reachable == true,
        "the room screen's controls are out of the keyboard's reach {when}"
    );
    Ok(())
}
