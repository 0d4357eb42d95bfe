//! The room screen as a projector shows it, at 1920 × 1080 and 1280 × 720, with a
//! full 14-seat table: the app's controls stay out of the picture until the mouse
//! moves (and go again after a few seconds); the phase's instruction is readable from
//! the back of the room; the join code and the QR code are always whole on the screen
//! and never covered, not even by the "time is up" notice; nothing scrolls sideways.
//! The facilitator puts a card (and a place) in the spotlight from their list, and
//! from the table a card with the keyboard (the card's 📽 tool) and a place from its
//! seat's list; the room screen shows it large over the table, right to left for
//! Arabic text, until the facilitator clears it. After the round the earlier cards
//! keep a medium size on the room screen, uncovered.

use anyhow::{Context, Result, ensure};
use ovaal_shared::DocName;
use ovaal_shared::board::CardKind;
use ovaal_shared::board::facilitation::{Timer, write_timer};
use ovaal_tests::board_page::{
    WAIT, artifact, assert_no_console_errors, assert_no_horizontal_overflow, js, require_client,
};
use ovaal_tests::browser::{Browser, Page};
use ovaal_tests::control::connect_facilitator;
use ovaal_tests::facilitation_page::{Person, next_phase, open_as};
use ovaal_tests::room_page::{
    assert_join_code_clear_of_time_up, assert_join_code_in_view, assert_readable, server_now_ms,
};
use ovaal_tests::scene::{create_session, ws_url};
use ovaal_tests::table_geometry::covered_cards;
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
        client.join_table(name, u32::try_from(n)? + 1).await?;
        client.add_card(*kind, text).await?;
        client.round_trip().await?;
        ensure!(client.refusals.is_empty(), "{name}: {:?}", client.refusals);
        clients.push(client);
    }
    let mut facilitator = connect_facilitator(&url, &session.links.facilitator).await?;

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

    spotlight_from_the_table(&fien, &room).await?;
    earlier_cards_keep_readable(&fien, &room).await?;

    assert_no_console_errors(&[("room screen", &room), ("facilitator", &fien)]).await
}

/// On the table, with the keyboard: Tab to a card, on to its 📽 tool, Enter; the room
/// screen shows the card large; Enter again clears it. Arabic text on the table's
/// cards reads right to left too.
async fn spotlight_from_the_table(fien: &Page, room: &Page) -> Result<()> {
    const CARLA: &str = "Wat heb je zelf al geprobeerd?";
    fien.click("button[data-view='table']").await?;
    let card = format!(
        "[...document.querySelectorAll('#board .card')].find(c =>          c.querySelector('.card-text')?.textContent === {})",
        js(CARLA)
    );
    fien.wait_for(&format!("!!{card} && !{card}.hidden"), WAIT)
        .await
        .context("the facilitator's table does not show Carla's card")?;
    let arabic = fien
        .eval(&format!(
            "(() => {{ const t = [...document.querySelectorAll('#board .card .card-text')]              .find(t => t.textContent === {}); return t && [t.getAttribute('dir'),              getComputedStyle(t).direction]; }})()",
            js(ARABIC)
        ))
        .await?;
    ensure!(
        arabic == json!(["auto", "rtl"]),
        "the Arabic card's text on the table is [dir, direction] = {arabic}"
    );
    fien.call(
        "Emulation.setFocusEmulationEnabled",
        json!({ "enabled": true }),
    )
    .await?;
    fien.eval(&format!("{card}.focus()")).await?;
    let on_tool = "document.activeElement?.classList.contains('card-spotlight')";
    for _ in 0..6 {
        if fien.eval(on_tool).await? == json!(true) {
            break;
        }
        fien.press_key("Tab").await?;
    }
    ensure!(
        fien.eval(on_tool).await? == json!(true),
        "Tab from Carla's card does not reach its 📽 tool"
    );
    fien.press_key("Enter").await?;
    let text = room
        .wait_for(
            "(() => { const s = document.querySelector('#room-spotlight');              const t = s && !s.hidden && s.querySelector('.spotlight-text');              return t ? t.textContent : null; })()",
            WAIT,
        )
        .await
        .context("the card spotlit from the table does not appear on the room screen")?;
    ensure!(text == CARLA, "the room screen spotlights {text}");
    let size = room
        .eval("parseFloat(getComputedStyle(document.querySelector('#room-spotlight .spotlight-text')).fontSize)")
        .await?
        .as_f64()
        .unwrap_or_default();
    ensure!(size >= 40.0, "the card spotlit from the table is {size}px");
    fien.wait_for(
        &format!("{card}.querySelector('.card-spotlight').getAttribute('aria-pressed') === 'true'"),
        WAIT,
    )
    .await
    .context("the card's 📽 tool does not show it is pressed")?;
    room.screenshot(artifact(
        "room-projector-1920x1080-spotlight-from-table.png",
    ))
    .await?;
    fien.screenshot(artifact("room-projector-facilitator-table.png"))
        .await?;
    // Pressed again, it clears.
    fien.eval(&format!("{card}.querySelector('.card-spotlight').focus()"))
        .await?;
    fien.press_key("Enter").await?;
    room.wait_for("document.querySelector('#room-spotlight').hidden", WAIT)
        .await
        .context("pressing the card's 📽 tool again did not clear the spotlight")?;

    // A place: the facilitator opens Anna's seat (seat 1) on the table, and from its
    // list puts the place on the room screen.
    fien.click("g.seat[data-seat='1']").await?;
    fien.wait_for(
        "(() => { const b = document.querySelector('#place-spotlight'); return !!b && \
         !b.hidden && b.offsetParent !== null; })()",
        WAIT,
    )
    .await
    .context("Anna's seat on the facilitator's table opens no list offering its spotlight")?;
    fien.click("#place-spotlight").await?;
    room.wait_for(
        "(() => { const s = document.querySelector('#room-spotlight'); return !!s && !s.hidden && \
         /Anna/.test(s.querySelector('.spotlight-title')?.textContent ?? '') && \
         [...s.querySelectorAll('.spotlight-text')].some(t => t.textContent === 'Werkdruk in het team'); })()",
        WAIT,
    )
    .await
    .context("Anna's place spotlit from the table does not show on the room screen")?;
    fien.click("#spotlight-clear").await?;
    room.wait_for("document.querySelector('#room-spotlight').hidden", WAIT)
        .await
        .context("clearing the place spotlit from the table did not take it off")?;
    Ok(())
}

/// The group moves on: every card on the table is now from an earlier phase. With the
/// room the table has, they keep a medium size (a block with two or three lines at the
/// small text size), not one-line chips; nothing covers any of them.
async fn earlier_cards_keep_readable(fien: &Page, room: &Page) -> Result<()> {
    next_phase(fien, &[room]).await?;
    for (width, height) in [(1920, 1080), (1280, 720)] {
        room.set_viewport(width, height).await?;
        room.wait_for(&format!("window.innerWidth === {width} || null"), WAIT)
            .await?;
        let sizes = room
            .wait_for(
                "(() => { const svg = document.querySelector('#board svg.table'); \
                 const laid = Math.abs(svg.viewBox.baseVal.width - svg.getBoundingClientRect().width) < 2; \
                 const s = [...document.querySelectorAll('#board .card:not([hidden])')] \
                 .map(c => c.dataset.size); return laid && s.length > 0 && !s.includes('large') \
                 ? s : null; })()",
                WAIT,
            )
            .await
            .context("the room screen still shows cards of the round just closed large")?;
        let sizes: Vec<String> = serde_json::from_value(sizes)?;
        let medium = sizes.iter().filter(|s| *s == "medium").count();
        let lines = room
            .eval(
                "Math.min(...[...document.querySelectorAll('#board .card[data-size=\"medium\"]')] \
                 .map(c => Number(c.style.getPropertyValue('--lines'))))",
            )
            .await?;
        println!(
            "{width}×{height}: {medium} of {} earlier cards medium, at least {lines} lines each",
            sizes.len()
        );
        ensure!(
            2 * medium >= sizes.len(),
            "{width}×{height}: only {medium} of {} earlier cards medium: {sizes:?}",
            sizes.len()
        );
        ensure!(
            lines.as_f64().is_some_and(|n| n >= 2.0),
            "{width}×{height}: a medium card shows {lines} lines"
        );
        // The notices of the earlier steps (time up, the new phase) are closed
        // first: a notice lies over the table until it is read, by design.
        room.eval("document.querySelectorAll('#notices .toast-close').forEach(b => b.click())")
            .await?;
        room.wait_for("!document.querySelector('#notices .toast')", WAIT)
            .await
            .context("the room screen's notices do not close")?;
        let (_, problems) = covered_cards(room).await?;
        ensure!(
            problems.is_empty(),
            "{width}×{height}: covered cards: {problems:#?}"
        );
        room.screenshot(artifact(&format!(
            "room-projector-{width}x{height}-earlier.png"
        )))
        .await?;
    }
    Ok(())
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
