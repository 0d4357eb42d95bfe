//! The facilitator's seat-count control (`#seat-count`) changes the table for
//! everyone: another person's page shows the new number of seats at once, and only the
//! facilitator gets the control.

use anyhow::{Context, Result, ensure};
use ovaal_shared::DocName;
use ovaal_shared::board::control::read_settings;
use ovaal_tests::ProtocolClient;
use ovaal_tests::TestServer;
use ovaal_tests::board_page::{
    WAIT, artifact, assert_no_console_errors, join, replace_text, require_client,
};
use ovaal_tests::browser::{Browser, Page};

const SEATS: &str = "document.querySelectorAll('g.seat').length";

/// Sets the seat count the way a person would with whatever control `#seat-count` is:
/// a number field (type the number, Enter) or a select (choose the option).
async fn set_seat_count(page: &Page, seats: u32) -> Result<()> {
    let tag = page
        .wait_for(
            "document.querySelector('#seat-count')?.tagName.toLowerCase() ?? null",
            WAIT,
        )
        .await
        .context("the facilitator has no #seat-count control")?;
    match tag.as_str() {
        Some("input") => {
            replace_text(page, "#seat-count", &seats.to_string()).await?;
            page.press_key("Enter").await?;
            page.eval("document.querySelector('#seat-count').blur()")
                .await?;
        }
        Some("select") => {
            let chosen = page
                .eval(&format!(
                    "(() => {{ const s = document.querySelector('#seat-count'); s.focus(); \
                     s.value = '{seats}'; s.dispatchEvent(new Event('input', {{ bubbles: true }})); \
                     s.dispatchEvent(new Event('change', {{ bubbles: true }})); return s.value; }})()"
                ))
                .await?;
            ensure!(
                chosen == seats.to_string().as_str(),
                "#seat-count has no option {seats}"
            );
        }
        other => anyhow::bail!("#seat-count is a {other:?}, expected an input or a select"),
    }
    Ok(())
}

#[tokio::test]
async fn the_facilitators_seat_count_changes_the_table_for_everyone() -> Result<()> {
    require_client()?;
    let server = TestServer::start().await?;
    let session = server.create_session("Stoelen").await?;
    let browser = Browser::launch().await?;
    let fenna = browser.new_page(1280, 800).await?;
    let pieter = browser.new_page(1280, 800).await?;
    join(&fenna, &session.facilitator_url, "Fenna", Some(0)).await?;
    join(&pieter, &session.participant_url, "Pieter", Some(1)).await?;
    pieter.wait_for(&format!("{SEATS} === 8"), WAIT).await?;

    // Only the facilitator gets the control.
    let pieter_has = pieter
        .eval("!!document.querySelector('#seat-count') && document.querySelector('#seat-count').offsetParent !== null")
        .await?;
    ensure!(pieter_has == false, "a participant sees #seat-count");

    set_seat_count(&fenna, 10).await?;
    fenna.wait_for(&format!("{SEATS} === 10"), WAIT).await?;
    pieter
        .wait_for(&format!("{SEATS} === 10"), WAIT)
        .await
        .context("the participant's table did not grow to 10 seats")?;
    // Pieter keeps his seat.
    pieter
        .wait_for(
            "!!document.querySelector(\"g.seat[data-seat='1']\")?.dataset.holder",
            WAIT,
        )
        .await?;
    pieter.screenshot(artifact("seat-count-10.png")).await?;

    set_seat_count(&fenna, 6).await?;
    pieter
        .wait_for(&format!("{SEATS} === 6"), WAIT)
        .await
        .context("the participant's table did not shrink to 6 seats")?;

    // The change is in the shared control document, not just on the pages.
    let mut observer =
        ProtocolClient::connect(&server.ws_url(&session.id), &session.observer).await?;
    observer
        .wait_until("six seats in the control document", |c| {
            c.docs
                .get(&DocName::Control)
                .and_then(read_settings)
                .is_some_and(|s| s.seats == 6)
        })
        .await?;
    assert_no_console_errors(&[("Fenna", &fenna), ("Pieter", &pieter)]).await
}
