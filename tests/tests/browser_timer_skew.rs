//! The phase timer counts on the server's clock, so two screens show the same time
//! even when one laptop's clock is seven minutes ahead. The facilitator's page here is
//! the wrong one (its `Date` is shifted before the page loads): a client that trusted
//! its own clock would either write an end time seven minutes late (the participant
//! would see 17:00) or read one seven minutes early (3:00). Pausing freezes the same
//! value on both screens. At zero the end is announced and the phase stays where it
//! is: moving on is the facilitator's call.

use ovaal_tests::control::connect_facilitator;
use std::time::Duration;

use anyhow::{Context, Result, ensure};
use ovaal_shared::DocName;
use ovaal_shared::board::Method;
use ovaal_shared::board::facilitation::{Timer, read_facilitation, write_timer};
use ovaal_tests::board_page::{WAIT, assert_no_console_errors, js, require_client};
use ovaal_tests::browser::Browser;
use ovaal_tests::facilitation_page::{
    Person, current_phase, holds_for, jump_to_phase, now_ms, open_as, page_clock_offset,
    remaining_on, screenshot_all, skew_clock, wait_remaining,
};
use ovaal_tests::{ProtocolClient, TestServer};

/// The facilitator's laptop clock runs this far ahead.
const SKEW_MS: i64 = 7 * 60_000;
/// The incident method's case pitches last ten minutes by default.
const PHASE_MS: i64 = 10 * 60_000;

/// The timer in the control document, as the server holds it.
fn timer_of(client: &ProtocolClient) -> Timer {
    client
        .docs
        .get(&DocName::Control)
        .map(|d| read_facilitation(d).timer)
        .unwrap_or_default()
}

#[tokio::test]
async fn two_screens_with_different_clocks_show_the_same_time() -> Result<()> {
    require_client()?;
    let server = TestServer::start().await?;
    let session = server
        .create_session_with("Klok van Fenna loopt voor", Method::Incident)
        .await?;
    let browser = Browser::launch().await?;
    let fenna = browser.new_page(1280, 800).await?;
    let piet = browser.new_page(1280, 800).await?;
    skew_clock(&fenna, SKEW_MS).await?;
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
        Some(4),
    )
    .await?;
    let offset = page_clock_offset(&fenna).await?;
    ensure!(
        (offset - SKEW_MS).abs() < 2_000,
        "the facilitator's clock is off by {offset} ms, not the {SKEW_MS} ms injected"
    );
    ensure!(page_clock_offset(&piet).await?.abs() < 2_000);
    let pages = [("facilitator", &fenna), ("participant", &piet)];
    let mut server_view =
        ProtocolClient::connect(&server.ws_url(&session.id), &session.observer).await?;

    // A ten-minute phase; the facilitator starts its timer.
    jump_to_phase(&fenna, "pitches", &[&piet]).await?;
    let before = now_ms();
    fenna.click("#timer-start").await?;
    let after = now_ms();
    server_view
        .wait_until("the running timer", |c| {
            matches!(timer_of(c), Timer::Running { .. })
        })
        .await?;
    let Timer::Running { ends_at_ms } = timer_of(&server_view) else {
        unreachable!("waited for a running timer")
    };
    ensure!(
        ends_at_ms >= before + PHASE_MS - 1_000 && ends_at_ms <= after + PHASE_MS + 1_000,
        "the facilitator's page wrote an end time {} ms from now on the server's clock, \
         not ten minutes",
        ends_at_ms - after
    );

    // Both screens show about ten minutes, within a second of each other.
    for page in [&fenna, &piet] {
        wait_remaining(page, "a running ten-minute timer", |ms| {
            ms > PHASE_MS - 60_000 && ms <= PHASE_MS + 1_000
        })
        .await?;
    }
    let (values, took) = remaining_on(&[&fenna, &piet]).await?;
    let expected = ends_at_ms - now_ms();
    let slack = 1_000 + i64::try_from(took.as_millis())?;
    ensure!(
        (values[0] - values[1]).abs() <= slack,
        "the skewed facilitator shows {} ms, the participant {} ms (read within {took:?})",
        values[0],
        values[1]
    );
    for (who, value) in ["facilitator", "participant"].iter().zip(&values) {
        ensure!(
            (value - expected).abs() <= slack + 1_000,
            "the {who} shows {value} ms left; the server's end time leaves {expected} ms"
        );
    }
    screenshot_all("timer", "1-running", &pages).await?;

    // Pause: the same frozen value on both screens.
    fenna.click("#timer-pause").await?;
    server_view
        .wait_until("the paused timer", |c| {
            matches!(timer_of(c), Timer::Paused { .. })
        })
        .await?;
    let Timer::Paused { remaining_ms } = timer_of(&server_view) else {
        unreachable!("waited for a paused timer")
    };
    // The paused value itself: a screen that has not heard of the pause yet still
    // counts down, and for a moment shows a value within a second of it.
    for page in [&fenna, &piet] {
        wait_remaining(page, "the paused value", |ms| ms == remaining_ms.max(0)).await?;
    }
    let (paused, _) = remaining_on(&[&fenna, &piet]).await?;
    ensure!(
        paused[0] == paused[1],
        "paused, the screens show {} and {} ms",
        paused[0],
        paused[1]
    );
    // Frozen means it stays: for over a second (a ticking display would have moved on).
    for page in [&fenna, &piet] {
        holds_for(
            page,
            "document.querySelector('#phase-timer')?.dataset.remainingMs",
            Duration::from_millis(1_200),
        )
        .await
        .context("the paused timer still changes")?;
    }
    screenshot_all("timer", "2-paused", &pages).await?;

    // At zero: the end is announced on both screens and the phase does not change by
    // itself. (A timer that ends two seconds from now, written as the facilitator's
    // client would: a whole minute is too long to wait for in a test.)
    let announced_before = [announcer_text(&fenna).await?, announcer_text(&piet).await?];
    let mut facilitator =
        connect_facilitator(&server.ws_url(&session.id), &session.facilitator).await?;
    facilitator
        .edit(&DocName::Control, |d| {
            write_timer(
                d,
                Timer::Running {
                    ends_at_ms: now_ms() + 2_000,
                },
            )
        })
        .await?;
    for (page, before) in [&fenna, &piet].into_iter().zip(&announced_before) {
        wait_remaining(page, "zero", |ms| ms <= 0).await?;
        page.wait_for(
            "document.querySelector('#phase-timer')?.dataset.state === 'done'",
            WAIT,
        )
        .await
        .context("the timer at zero is not marked done")?;
        page.wait_for(
            &format!(
                "(() => {{ const t = document.querySelector('#announcer')?.textContent.trim() ?? ''; \
                 return t !== '' && t !== {}; }})()",
                js(before)
            ),
            WAIT,
        )
        .await
        .context("the end of the timer was not announced in #announcer")?;
    }
    screenshot_all("timer", "3-zero", &pages).await?;
    // Still the same phase, on the screens and on the server.
    facilitator.round_trip().await?;
    facilitator.drain_for(Duration::from_millis(200)).await?;
    let phase = facilitator
        .docs
        .get(&DocName::Control)
        .and_then(|d| read_facilitation(d).phase);
    ensure!(
        phase.as_deref() == Some("pitches"),
        "the phase changed by itself to {phase:?}"
    );
    for page in [&fenna, &piet] {
        ensure!(current_phase(page).await?.as_deref() == Some("pitches"));
    }
    assert_no_console_errors(&pages).await
}

async fn announcer_text(page: &ovaal_tests::browser::Page) -> Result<String> {
    Ok(page
        .eval("document.querySelector('#announcer')?.textContent.trim() ?? ''")
        .await?
        .as_str()
        .unwrap_or_default()
        .to_owned())
}
