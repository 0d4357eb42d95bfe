//! Two people in two real browsers (headless Chromium) at one table: a card added in
//! one page appears in the other, a card dragged in one moves in the other, and the
//! observer link shows the board read-only. Screenshots land in `tests/artifacts/`.

use std::path::PathBuf;
use std::time::Duration;

use anyhow::{Context, Result, ensure};
use ovaal_tests::TestServer;
use ovaal_tests::browser::{Browser, Page};
use ovaal_tests::server::web_dist;

const WAIT: Duration = Duration::from_secs(20);

fn artifact(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("artifacts")
        .join(name)
}

/// Fails with the fix when the web client has not been built.
fn require_client() -> Result<()> {
    let index = web_dist().join("index.html");
    ensure!(
        index.exists(),
        "the web client is not built ({} is missing): run `cargo xtask build-web`, \
         or run the tests with `cargo xtask test`",
        index.display()
    );
    Ok(())
}

/// Opens a link, enters a name on the join screen and takes a seat.
async fn join(page: &Page, url: &str, name: &str, seat: u32) -> Result<()> {
    page.goto(url).await?;
    page.wait_for("document.body.dataset.connection === 'connected'", WAIT)
        .await?;
    page.wait_for("!!document.querySelector('#join-name')", WAIT)
        .await?;
    page.type_text("#join-name", name).await?;
    page.click("input[name=location][value=remote]").await?;
    page.click("#join-submit").await?;
    page.wait_for("!document.querySelector('#join-name')", WAIT)
        .await?;
    let seat_selector = format!("g.seat[data-seat='{seat}']");
    page.click(&seat_selector).await?;
    page.wait_for(
        &format!("!!document.querySelector(\"{seat_selector}\").dataset.holder"),
        WAIT,
    )
    .await?;
    Ok(())
}

/// The place (`centre`, `seat:<n>`) the table draws the card with this text in.
fn card_place_js(text: &str) -> String {
    format!(
        "(() => {{ const c = [...document.querySelectorAll('.card')].find(c => \
         c.querySelector('.card-text')?.textContent === {text:?}); \
         return c && c.dataset.place ? c.dataset.place : null; }})()"
    )
}

async fn card_place(page: &Page, text: &str) -> Result<String> {
    let value = page.wait_for(&card_place_js(text), WAIT).await?;
    Ok(value.as_str().context("a place")?.to_owned())
}

#[tokio::test]
async fn two_pages_share_cards_and_moves() -> Result<()> {
    require_client()?;
    let server = TestServer::start().await?;
    let session = server.create_session("Intervisie in de browser").await?;
    let browser = Browser::launch().await?;

    let facilitator = browser.new_page(1280, 800).await?;
    let participant = browser.new_page(1280, 800).await?;
    join(&facilitator, &session.facilitator_url, "Fenna", 0).await?;
    join(&participant, &session.participant_url, "Pieter", 1).await?;
    // Each sees the other at the table.
    facilitator
        .wait_for(
            "document.querySelector(\"g.seat[data-seat='1']\").dataset.holder",
            WAIT,
        )
        .await?;
    participant
        .wait_for(
            "document.querySelector(\"g.seat[data-seat='0']\").dataset.holder",
            WAIT,
        )
        .await?;

    // A card written in the facilitator's page appears in the participant's page.
    let text = "Wat heb je zelf al geprobeerd?";
    facilitator
        .eval("document.querySelector('#card-kind').value = 'question'; document.querySelector('#card-kind').dispatchEvent(new Event('change'))")
        .await?;
    facilitator.type_text("#card-text", text).await?;
    facilitator.click("#card-add").await?;
    let before = card_place(&facilitator, text).await?;
    let seen = card_place(&participant, text).await?;
    ensure!(
        before == seen,
        "the card lies in {before} for its author but in {seen} for the other"
    );
    let kind = participant
        .eval(&format!("[...document.querySelectorAll('.card')].find(c => c.querySelector('.card-text').textContent === {text:?}).dataset.kind"))
        .await?;
    ensure!(kind == "question", "kind arrived as {kind}");

    // Dragging it onto another seat in one page moves it there in the other.
    let id = participant
        .eval(&format!("[...document.querySelectorAll('.card')].find(c => c.querySelector('.card-text').textContent === {text:?}).dataset.cardId"))
        .await?;
    let id = id.as_str().context("card id")?.to_owned();
    let target = if before == "seat:3" { 4 } else { 3 };
    ovaal_tests::board_page::drag_to_seat(&facilitator, &id, target).await?;
    let place = format!("seat:{target}");
    for page in [&facilitator, &participant] {
        page.wait_for(&format!("{} === {place:?}", card_place_js(text)), WAIT)
            .await
            .with_context(|| format!("the dragged card did not arrive in {place}"))?;
    }

    // The observer link shows the same board, read-only.
    let observer = browser.new_page(1280, 800).await?;
    observer.goto(&session.observer_url).await?;
    card_place(&observer, text).await?;
    let offers_writing = observer
        .eval("!!document.querySelector('#card-add') && document.querySelector('#card-add').offsetParent !== null")
        .await?;
    ensure!(
        offers_writing == false,
        "the observer page offers to add cards"
    );

    facilitator
        .screenshot(artifact("board-facilitator.png"))
        .await?;
    participant
        .screenshot(artifact("board-participant.png"))
        .await?;
    observer.screenshot(artifact("board-observer.png")).await?;
    for (who, page) in [
        ("facilitator", &facilitator),
        ("participant", &participant),
        ("observer", &observer),
    ] {
        let errors = page.console_errors().await;
        ensure!(errors.is_empty(), "{who} page logged errors: {errors:?}");
    }
    Ok(())
}
