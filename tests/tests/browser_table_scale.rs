//! The table at real session scale: fourteen seats, thirteen people around the table
//! and eighty cards across the phases of the incident method, written by native
//! clients; the facilitator watches on a laptop (1440 × 900, then 1280 × 720), the
//! room screen shows it on a projector (1920 × 1080 and 1280 × 720), a fourteenth
//! person joins on a phone (375 × 667). From each page's own geometry:
//!
//! - no visible card is covered by anything (elementFromPoint at several points of
//!   each card lands on that card), and every seat's name is uncovered and clickable;
//! - every card of the current phase is on the table or counted on its place's "+N"
//!   chip, and a chip opens its cards as a list (Escape closes it);
//! - the newcomer takes the one free seat by clicking it on the phone's table;
//! - every step of the method's phase strip is in sight on the facilitator's laptop,
//!   none scrolled away sideways; the room screen's join code is on screen;
//! - nothing scrolls sideways.
//!
//! Screenshots: `tests/artifacts/table-scale-*.png`.

use anyhow::{Context, Result, ensure};

use ovaal_tests::TestServer;
use ovaal_tests::board_page::{
    WAIT, artifact, assert_no_console_errors, assert_no_horizontal_overflow, join, require_client,
    set_phone_viewport,
};
use ovaal_tests::browser::{Browser, Page};
use ovaal_tests::real_size::{HOT_SEAT, SEATS, write_real_size};
use ovaal_tests::scene::create_session;
use ovaal_tests::table_geometry::{
    centre_case_lines, covered_cards, covered_seats, icons_over_text, open_chip, unaccounted_cards,
};
use serde_json::json;

/// The seat the newcomer takes.
const FREE_SEAT: u32 = 9;

/// Waits until the page shows all eighty cards (drawn or folded).
async fn wait_all_cards(page: &Page) -> Result<()> {
    page.wait_for(
        "document.querySelectorAll('#board .card[data-place]').length === 80",
        WAIT,
    )
    .await
    .context("the page did not get all 80 cards")?;
    Ok(())
}

/// The checks every screen must pass.
async fn check_table(page: &Page, who: &str, questions: &[String]) -> Result<()> {
    let (cards, problems) = covered_cards(page).await?;
    ensure!(problems.is_empty(), "{who}: covered cards: {problems:#?}");
    let (seats, problems) = covered_seats(page).await?;
    ensure!(seats == u64::from(SEATS), "{who}: {seats} seats drawn");
    ensure!(problems.is_empty(), "{who}: covered seats: {problems:#?}");
    let (icons, problems) = icons_over_text(page).await?;
    ensure!(problems.is_empty(), "{who}: icons over text: {problems:#?}");
    ensure!(icons > 0, "{who}: no card icon checked");
    // The case stays readable in the centre, beside the chosen theme.
    let (lines, whole) = centre_case_lines(page).await?;
    ensure!(
        whole || lines >= 3,
        "{who}: the case in the centre shows {lines} lines of its text"
    );
    let problems = unaccounted_cards(page, questions).await?;
    ensure!(problems.is_empty(), "{who}: lost cards: {problems:#?}");
    assert_no_horizontal_overflow(page, who).await?;
    println!("{who}: {cards} cards drawn uncovered, {seats} seats clear");
    Ok(())
}

/// A chip opens its list, keyboard-closable, and the focus goes back to it.
async fn check_chip(page: &Page, who: &str, selector: &str) -> Result<()> {
    let (count, listed) = open_chip(page, selector).await?;
    ensure!(
        count == listed,
        "{who}: the chip says {count} cards, its list shows {listed}"
    );
    page.screenshot(artifact(&format!("table-scale-{who}-list.png")))
        .await?;
    page.press_key("Escape").await?;
    page.wait_for(
        "!document.querySelector('#place-dialog')?.isConnected",
        WAIT,
    )
    .await
    .context("Escape did not close the list")?;
    Ok(())
}

#[tokio::test]
async fn fourteen_seats_and_eighty_cards_stay_readable_on_a_laptop_and_a_phone() -> Result<()> {
    require_client()?;
    let server = TestServer::start().await?;
    let session = create_session(server.addr, "Intervisie op schaal", "incident", SEATS).await?;
    let url = server.ws_url(&session.links.id);
    let seats: Vec<u32> = (0..SEATS).filter(|s| *s != FREE_SEAT).collect();
    let written = write_real_size(
        &url,
        &session.links.facilitator,
        &session.links.participant,
        &seats,
    )
    .await?;
    let questions = written.questions.clone();
    ensure!(
        questions.len() == 54,
        "{} questions written",
        questions.len()
    );

    let browser = Browser::launch().await?;
    let facilitator = browser.new_page(1440, 900).await?;
    join(&facilitator, &session.links.facilitator_url, "Frida", None).await?;
    wait_all_cards(&facilitator).await?;
    facilitator.eval("window.scrollTo(0, 0)").await?;
    facilitator
        .screenshot(artifact("table-scale-facilitator.png"))
        .await?;
    check_table(&facilitator, "facilitator", &questions).await?;
    check_chip(&facilitator, "facilitator", "button.chip").await?;

    // The newcomer on a phone: the table view, the one free seat, a tap.
    let phone = browser.new_page(375, 667).await?;
    set_phone_viewport(&phone, 375, 667).await?;
    join(&phone, &session.links.participant_url, "Nina", None).await?;
    phone.click("button[data-view='table']").await?;
    wait_all_cards(&phone).await?;
    let free = format!("g.seat[data-seat='{FREE_SEAT}']");
    phone
        .wait_for(
            &format!("document.querySelector(\"{free}\")?.getAttribute('role') === 'button'"),
            WAIT,
        )
        .await
        .context("the free seat is not offered")?;
    phone.click(&free).await?;
    phone
        .wait_for(
            &format!("document.querySelector(\"{free}\")?.dataset.holder === document.body.dataset.participant"),
            WAIT,
        )
        .await
        .context("clicking the free seat did not seat the newcomer")?;
    phone.eval("window.scrollTo(0, 0)").await?;
    phone.screenshot(artifact("table-scale-phone.png")).await?;
    check_table(&phone, "phone", &questions).await?;
    check_chip(&phone, "phone", "button.chip[data-chip='more']").await?;
    // A tap on a taken seat lists its place's cards.
    phone
        .click(&format!("g.seat[data-seat='{HOT_SEAT}']"))
        .await?;
    phone
        .wait_for(
            "document.querySelectorAll('#place-list li').length > 0",
            WAIT,
        )
        .await
        .context("a tap on a seat did not list its cards")?;
    phone.press_key("Escape").await?;

    // The facilitator sees the newcomer sit down, with nothing covered still.
    facilitator
        .wait_for(
            &format!("!!document.querySelector(\"{free}\")?.dataset.holder"),
            WAIT,
        )
        .await?;
    facilitator.eval("window.scrollTo(0, 0)").await?;
    facilitator
        .screenshot(artifact("table-scale-facilitator-full.png"))
        .await?;
    check_table(&facilitator, "facilitator", &questions).await?;
    phase_steps_in_sight(&facilitator, "facilitator at 1440×900").await?;
    facilitator.set_viewport(1280, 720).await?;
    facilitator
        .wait_for("window.innerWidth === 1280 || null", WAIT)
        .await?;
    facilitator.eval("window.scrollTo(0, 0)").await?;
    phase_steps_in_sight(&facilitator, "facilitator at 1280×720").await?;
    check_table(&facilitator, "facilitator at 1280×720", &questions).await?;
    facilitator
        .screenshot(artifact("table-scale-facilitator-1280x720.png"))
        .await?;

    // The room screen of the same board, on a projector's two sizes.
    let room = browser.new_page(1920, 1080).await?;
    room.goto(&session.room_screen_url).await?;
    room.wait_for(
        "document.body.dataset.page === 'room' && document.body.dataset.connection === 'connected'",
        WAIT,
    )
    .await
    .context("the room-screen link did not open a connected room screen")?;
    wait_all_cards(&room).await?;
    for (width, height) in [(1920, 1080), (1280, 720)] {
        room.set_viewport(width, height).await?;
        room.wait_for(&format!("window.innerWidth === {width} || null"), WAIT)
            .await?;
        let who = format!("room screen at {width}×{height}");
        check_table(&room, &who, &questions).await?;
        let code = room
            .eval(
                "(() => { const e = document.querySelector('#room-join-code'); if (!e) return false; \
                 const r = e.getBoundingClientRect(); const hit = document.elementFromPoint( \
                 r.left + r.width / 2, r.top + r.height / 2); return r.width > 0 && r.left >= 0 && \
                 r.top >= 0 && r.right <= innerWidth && r.bottom <= innerHeight && !!hit && \
                 (hit === e || e.contains(hit)); })()",
            )
            .await?;
        ensure!(
            code == json!(true),
            "{who}: the join code is not wholly on screen"
        );
        room.screenshot(artifact(&format!("table-scale-room-{width}x{height}.png")))
            .await?;
    }
    assert_no_console_errors(&[
        ("facilitator", &facilitator),
        ("phone", &phone),
        ("room screen", &room),
    ])
    .await?;
    Ok(())
}

/// Every step of the phase strip is drawn inside the window and inside the strip,
/// the strip does not scroll sideways, and each step's name is in its accessible
/// name and its tooltip even where only its number shows.
async fn phase_steps_in_sight(page: &Page, who: &str) -> Result<()> {
    let report = page
        .eval(
            "(() => { const strip = document.querySelector('.phase-steps'); if (!strip) return 'no strip'; \
             const box = strip.getBoundingClientRect(); const out = []; \
             const steps = [...strip.querySelectorAll('.phase-item .phase-step')]; \
             if (steps.length !== 7) out.push(steps.length + ' steps'); \
             if (strip.scrollWidth > strip.clientWidth + 1) out.push('the strip scrolls: ' + \
               strip.scrollWidth + ' > ' + strip.clientWidth); \
             for (const s of steps) { const r = s.getBoundingClientRect(); \
               const name = s.querySelector('.phase-name')?.textContent ?? ''; \
               if (r.width < 24 || r.left < box.left - 1 || r.right > box.right + 1 || r.right > innerWidth) \
                 out.push((s.textContent || '').trim() + ' out of sight ' + JSON.stringify([r.left, r.right, box.right])); \
               if (!name || !(s.getAttribute('title') ?? '').includes(name) || !s.textContent.includes(name)) \
                 out.push('step ' + name + ' without its name'); } \
             return out; })()",
        )
        .await?;
    ensure!(
        report.as_array().is_some_and(Vec::is_empty),
        "{who}: phase strip: {report}"
    );
    Ok(())
}
