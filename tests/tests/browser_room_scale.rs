//! The room screen at the largest real size: fourteen seats, fourteen people and
//! eighty cards across the phases of the incident method (the question round is on),
//! on a full-HD projector (1920 × 1080) and a 720p one (1280 × 720). From the page's
//! own geometry, at each size:
//!
//! - no visible card's text is covered by anything, every seat's name is uncovered,
//!   and every question of the round is on the table or counted on its place's chip;
//! - nothing scrolls sideways;
//! - the join code and the QR code are wholly on screen with nothing over them, and
//!   every seat's name is uncovered, also while the "time is up" notice shows;
//! - the case in the centre shows its whole text or at least three lines, every
//!   seat's newest question is drawn large, and no card's kind icon lies over its
//!   text;
//! - the phase's instruction is at least 28 px at 1080p (18.7 px at 720p), the timer
//!   twice that.
//!
//! Screenshots: `tests/artifacts/room-scale-*.png`.

use anyhow::{Context, Result, ensure};
use ovaal_shared::DocName;
use ovaal_shared::board::facilitation::{Timer, write_timer};
use ovaal_tests::board_page::{
    WAIT, artifact, assert_no_console_errors, assert_no_horizontal_overflow, require_client,
};
use ovaal_tests::browser::{Browser, Page};
use ovaal_tests::real_size::{CARDS, SEATS, write_real_size};
use ovaal_tests::room_page::{
    assert_join_code_clear_of_time_up, assert_join_code_in_view, assert_readable, server_now_ms,
};
use ovaal_tests::scene::create_session;
use ovaal_tests::table_geometry::{
    centre_case_lines, covered_cards, covered_seats, icons_over_text,
    places_without_a_large_newest, unaccounted_cards,
};
use ovaal_tests::{ProtocolClient, TestServer};

const SIZES: [(u32, u32); 2] = [(1920, 1080), (1280, 720)];

/// Sets the window's size and waits until the page has it.
async fn resize(room: &Page, width: u32, height: u32) -> Result<()> {
    room.set_viewport(width, height).await?;
    room.wait_for(
        &format!("window.innerWidth === {width} && window.innerHeight === {height} || null"),
        WAIT,
    )
    .await
    .with_context(|| format!("the room screen did not take the size {width}×{height}"))?;
    // Two frames, so the table is laid out for the new size.
    room.eval("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
        .await?;
    Ok(())
}

/// Everything the table must be at one size.
async fn check_table(room: &Page, size: &str, height: u32, questions: &[String]) -> Result<()> {
    let (cards, problems) = covered_cards(room).await?;
    ensure!(problems.is_empty(), "{size}: covered cards: {problems:#?}");
    ensure!(cards > 0, "{size}: no card is drawn");
    let (seats, problems) = covered_seats(room).await?;
    ensure!(seats == u64::from(SEATS), "{size}: {seats} seats drawn");
    ensure!(problems.is_empty(), "{size}: covered seats: {problems:#?}");
    let (icons, problems) = icons_over_text(room).await?;
    ensure!(
        problems.is_empty(),
        "{size}: icons over text: {problems:#?}"
    );
    ensure!(icons > 0, "{size}: no card icon checked");
    // The case stays readable in the centre, beside the chosen theme.
    let (lines, whole) = centre_case_lines(room).await?;
    ensure!(
        whole || lines >= 3,
        "{size}: the case in the centre shows {lines} lines of its text"
    );
    // Every seat's newest question can be read: it is drawn large. At 720p the top
    // and bottom seats' share lies between the table's edge and the case and theme:
    // there up to two may show theirs on one line.
    let small = places_without_a_large_newest(room, questions).await?;
    let allowed = if height >= 1000 { 0 } else { 2 };
    println!("{size}: newest question not large at {small:?}");
    ensure!(
        small.len() <= allowed,
        "{size}: the newest question is not large at {small:#?}"
    );
    let lost = unaccounted_cards(room, questions).await?;
    ensure!(lost.is_empty(), "{size}: lost cards: {lost:#?}");
    assert_no_horizontal_overflow(room, &format!("room screen at {size}")).await?;
    println!("{size}: {cards} cards drawn uncovered, {seats} seats clear");
    Ok(())
}

/// The facilitator starts a timer that runs out in a moment; waits until the room
/// screen says time is up (a new notice, not one left from before).
async fn time_up(facilitator: &mut ProtocolClient, room: &Page) -> Result<()> {
    room.eval("document.querySelectorAll('#notices .toast').forEach(t => t.dataset.seen = '1')")
        .await?;
    let ends_at_ms = server_now_ms() + 1_500;
    facilitator
        .edit(&DocName::Control, |doc| {
            write_timer(doc, Timer::Running { ends_at_ms });
        })
        .await?;
    facilitator.round_trip().await?;
    room.wait_for(
        "!!document.querySelector('#notices .toast.timer:not([data-seen])')",
        WAIT,
    )
    .await
    .context("the room screen showed no time-up notice")?;
    Ok(())
}

#[tokio::test]
async fn the_room_screen_holds_fourteen_people_and_eighty_cards_on_a_projector() -> Result<()> {
    require_client()?;
    let server = TestServer::start().await?;
    let session = create_session(server.addr, "Intervisie op schaal", "incident", SEATS).await?;
    let url = server.ws_url(&session.links.id);
    let seats: Vec<u32> = (0..SEATS).collect();
    let mut written = write_real_size(
        &url,
        &session.links.facilitator,
        &session.links.participant,
        &seats,
    )
    .await?;
    ensure!(written.people.len() == SEATS as usize, "everyone is seated");

    let browser = Browser::launch().await?;
    let room = browser.new_page(SIZES[0].0, SIZES[0].1).await?;
    room.goto(&session.room_screen_url).await?;
    room.wait_for(
        "document.body.dataset.page === 'room' && document.body.dataset.connection === 'connected'",
        WAIT,
    )
    .await
    .context("the room-screen link did not open a connected room screen")?;
    room.wait_for(
        &format!("document.querySelectorAll('#board .card[data-place]').length === {CARDS}"),
        WAIT,
    )
    .await
    .with_context(|| format!("the room screen did not get all {CARDS} cards"))?;
    room.wait_for(
        &format!(
            "document.querySelectorAll('g.seat[data-holder]').length === {SEATS} && \
             !!document.querySelector('#room-phase .room-phase-instruction') && \
             !!document.querySelector('svg#room-qr')"
        ),
        WAIT,
    )
    .await
    .context("the room screen shows not every seat taken, no instruction or no QR code")?;

    for (width, height) in SIZES {
        let size = format!("{width}×{height}");
        resize(&room, width, height).await?;
        check_table(&room, &size, height, &written.questions).await?;
        let (instruction, timer) = assert_readable(&room, height).await?;
        println!("{size}: instruction {instruction}px, timer {timer}px");
        assert_join_code_in_view(&room, &size).await?;
        room.screenshot(artifact(&format!("room-scale-{width}x{height}.png")))
            .await?;
    }

    // "Time is up" at each size: the notice shows, and leaves the join code and the
    // QR code whole; the table stays as readable under it.
    for (width, height) in SIZES {
        let size = format!("{width}×{height} with the time-up notice");
        resize(&room, width, height).await?;
        time_up(&mut written.facilitator, &room).await?;
        // Checked first: the notice goes away after a few seconds.
        assert_join_code_clear_of_time_up(&room, &size).await?;
        // The alarm stays on the time's line, and the time whole in its column.
        let timer = room
            .eval(
                "(() => { const t = document.querySelector('#room-timer'); \
                 const size = parseFloat(getComputedStyle(t).fontSize); \
                 return [t.dataset.state, t.getBoundingClientRect().height / size, \
                         t.scrollWidth - t.clientWidth]; })()",
            )
            .await?;
        ensure!(
            timer[0].as_str() == Some("done")
                && timer[1].as_f64().is_some_and(|lines| lines < 1.6)
                && timer[2].as_f64().is_some_and(|over| over <= 1.0),
            "{size}: the timer with its alarm wraps or runs out of its column: {timer}"
        );
        // No seat's name is under the notice either.
        let (seats, problems) = covered_seats(&room).await?;
        ensure!(seats == u64::from(SEATS), "{size}: {seats} seats drawn");
        ensure!(problems.is_empty(), "{size}: covered seats: {problems:#?}");
        ensure!(
            room.eval("!!document.querySelector('#notices .toast.timer:not([data-seen])')")
                .await?
                .as_bool()
                == Some(true),
            "{size}: the time-up notice was gone before the seats were checked"
        );
        room.screenshot(artifact(&format!(
            "room-scale-{width}x{height}-time-up.png"
        )))
        .await?;
        assert_no_horizontal_overflow(&room, &size).await?;
    }

    assert_no_console_errors(&[("room screen", &room)]).await
}
