//! The table at real session scale: fourteen seats, thirteen people around the table
//! and eighty cards across the phases of the incident method, written by native
//! clients; the facilitator watches on a laptop (1440 × 900), a fourteenth person
//! joins on a phone (375 × 667). From each page's own geometry:
//!
//! - no visible card is covered by anything (elementFromPoint at several points of
//!   each card lands on that card), and every seat's name is uncovered and clickable;
//! - every card of the current phase is on the table or counted on its place's "+N"
//!   chip, and a chip opens its cards as a list (Escape closes it);
//! - the newcomer takes the one free seat by clicking it on the phone's table;
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
use ovaal_tests::table_geometry::{covered_cards, covered_seats, open_chip, unaccounted_cards};

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
    assert_no_console_errors(&[("facilitator", &facilitator), ("phone", &phone)]).await?;
    Ok(())
}
