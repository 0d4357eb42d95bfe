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

/// The `left`/`top` of the card with this text, as percentages of the board.
fn card_position_js(text: &str) -> String {
    format!(
        "(() => {{ const c = [...document.querySelectorAll('.card')].find(c => \
         c.querySelector('.card-text')?.textContent === {text:?}); \
         return c ? [parseFloat(c.style.left), parseFloat(c.style.top)] : null; }})()"
    )
}

async fn card_position(page: &Page, text: &str) -> Result<(f64, f64)> {
    let value = page.wait_for(&card_position_js(text), WAIT).await?;
    let pair = value.as_array().context("position pair")?;
    Ok((
        pair[0].as_f64().context("left")?,
        pair[1].as_f64().context("top")?,
    ))
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
    let before = card_position(&facilitator, text).await?;
    let seen = card_position(&participant, text).await?;
    ensure!(
        (before.0 - seen.0).abs() < 0.01 && (before.1 - seen.1).abs() < 0.01,
        "the card lies at {before:?} for its author but at {seen:?} for the other"
    );
    let kind = participant
        .eval(&format!("[...document.querySelectorAll('.card')].find(c => c.querySelector('.card-text').textContent === {text:?}).dataset.kind"))
        .await?;
    ensure!(kind == "question", "kind arrived as {kind}");

    // Dragging it in one page moves it in the other, to the same place.
    let selector = participant
        .eval(&format!("'.card[data-card-id=\"' + [...document.querySelectorAll('.card')].find(c => c.querySelector('.card-text').textContent === {text:?}).dataset.cardId + '\"]'"))
        .await?;
    let selector = selector.as_str().context("card selector")?.to_owned();
    facilitator.drag(&selector, -160.0, -120.0).await?;
    let moved = facilitator
        .wait_for(
            &format!(
                "(() => {{ const p = {}; return p && Math.abs(p[0] - {}) > 5 ? p : null; }})()",
                card_position_js(text),
                before.0
            ),
            WAIT,
        )
        .await?;
    let moved = (
        moved[0].as_f64().context("x")?,
        moved[1].as_f64().context("y")?,
    );
    ensure!(
        moved.0 < before.0 && moved.1 < before.1,
        "dragged up-left, but {before:?} -> {moved:?}"
    );
    participant
        .wait_for(
            &format!("(() => {{ const p = {}; return p && Math.abs(p[0] - {}) < 0.01 && Math.abs(p[1] - {}) < 0.01; }})()", card_position_js(text), moved.0, moved.1),
            WAIT,
        )
        .await?;

    // The observer link shows the same board, read-only.
    let observer = browser.new_page(1280, 800).await?;
    observer.goto(&session.observer_url).await?;
    card_position(&observer, text).await?;
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
