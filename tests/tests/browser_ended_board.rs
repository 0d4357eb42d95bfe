//! An ended board stops pretending: after the facilitator ends the session, the timer
//! shows as stopped on every page (and the server stopped it in the control document),
//! and the facilitator's page shows only what still works — reading, the export and
//! the next session — not the switches, the plan, the hot seat, the seat count, the
//! links or the timer buttons, which the server would refuse.

use anyhow::{Context, Result, ensure};
use ovaal_shared::board::Method;
use ovaal_shared::board::facilitation::Timer;
use ovaal_tests::board_page::{WAIT, assert_no_console_errors, is_visible, require_client};
use ovaal_tests::browser::Browser;
use ovaal_tests::facilitation_page::{
    Person, confirm, open_as, screenshot_all, set_switch, stored_facilitation,
};
use ovaal_tests::{ProtocolClient, TestServer};

/// What the facilitator's page must no longer show once the session ended.
const GONE: [&str; 12] = [
    "#facilitator-panel",
    "#lock-board",
    "#plan-edit",
    "#hot-seat-list",
    "#links-panel",
    "#link-create",
    "#table-panel",
    "#seat-count",
    "#timer-start",
    "#timer-add-1",
    "#phase-next",
    "#end-session",
];

/// What still works and stays.
const KEPT: [&str; 4] = [
    "#export-json",
    "#export-pdf",
    "#next-session",
    "#ended-banner",
];

#[tokio::test]
async fn an_ended_board_shows_a_stopped_timer_and_only_what_still_works() -> Result<()> {
    require_client()?;
    let server = TestServer::start().await?;
    let session = server
        .create_session_with("Afgerond", Method::Incident)
        .await?;
    let mut watcher =
        ProtocolClient::connect(&server.ws_url(&session.id), &session.observer).await?;
    let browser = Browser::launch().await?;
    let fenna = browser.new_page(1280, 900).await?;
    let piet = browser.new_page(1280, 900).await?;
    open_as(
        &fenna,
        Person::Facilitator,
        &session.facilitator_url,
        "Fenna",
        Some(0),
    )
    .await?;
    open_as(
        &piet,
        Person::Participant,
        &session.participant_url,
        "Piet",
        Some(2),
    )
    .await?;

    // A running timer and a locked board, as a session often ends.
    fenna.click("#timer-start").await?;
    for page in [&fenna, &piet] {
        page.wait_for(
            "document.querySelector('#phase-timer')?.dataset.state === 'running'",
            WAIT,
        )
        .await
        .context("the timer did not start")?;
    }
    set_switch(&fenna, "#lock-board", true).await?;
    for selector in GONE {
        ensure!(
            is_visible(&fenna, selector).await?,
            "{selector} is not shown before the end (the test's premise)"
        );
    }

    fenna.click("#end-session").await?;
    confirm(&fenna, None).await?;
    for (who, page) in [("Fenna", &fenna), ("Piet", &piet)] {
        page.wait_for("document.body.dataset.ended === 'true'", WAIT)
            .await
            .with_context(|| format!("{who}'s page does not know the session ended"))?;
        page.wait_for(
            "document.querySelector('#phase-timer')?.dataset.state === 'idle'",
            WAIT,
        )
        .await
        .with_context(|| format!("{who}'s timer still runs after the end"))?;
    }
    let f = stored_facilitation(&mut watcher, "ended with the timer stopped", |f| {
        f.ended && f.timer == Timer::Idle
    })
    .await?;
    ensure!(f.ended);

    for selector in GONE {
        ensure!(
            !is_visible(&fenna, selector).await?,
            "{selector} is still shown on the ended board"
        );
    }
    for selector in KEPT {
        ensure!(
            is_visible(&fenna, selector).await?,
            "{selector} is gone from the ended board"
        );
    }
    screenshot_all(
        "ended",
        "1-ended",
        &[("facilitator", &fenna), ("participant", &piet)],
    )
    .await?;
    assert_no_console_errors(&[("Fenna", &fenna), ("Piet", &piet)]).await?;
    Ok(())
}
