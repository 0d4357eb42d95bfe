//! The facilitator's timer and phase buttons, as the other pages and the server see
//! them:
//!
//! - `#timer-add-1` / `#timer-add-5` add one and five minutes: to a paused timer
//!   exactly (every page shows the same `data-remaining-ms` and `mm:ss`), to a running
//!   one by moving its end (the server's end time moves by exactly that much; the
//!   pages' countdown jumps up), and to an idle one, which then holds that time;
//! - `#phase-prev` goes back one phase on every page, stopping the timer, and does
//!   nothing in the first phase (`aria-disabled`).
//!
//! Only the facilitator has these buttons.

use anyhow::{Context, Result, ensure};
use ovaal_shared::board::Method;
use ovaal_shared::board::facilitation::Timer;
use ovaal_tests::board_page::{
    WAIT, assert_no_console_errors, is_visible, js, require_client, text_of,
};
use ovaal_tests::browser::{Browser, Page};
use ovaal_tests::facilitation_page::{
    current_phase, jump_to_phase, next_phase, remaining_ms, screenshot_all, stored_facilitation,
    three_people, wait_phase, wait_remaining,
};
use ovaal_tests::{ProtocolClient, TestServer};

const MINUTE_MS: i64 = 60_000;

/// The facilitator's buttons this file is about.
const FACILITATOR_BUTTONS: [&str; 4] =
    ["#timer-add-1", "#timer-add-5", "#phase-prev", "#phase-next"];

/// `mm:ss`, whole seconds rounded up, as the timer shows a duration.
fn mm_ss(ms: i64) -> String {
    let seconds = (ms.max(0) + 999) / 1000;
    format!("{:02}:{:02}", seconds / 60, seconds % 60)
}

/// Waits until the page's timer is in `state` (`#phase-timer[data-state]`).
async fn wait_timer_state(page: &Page, state: &str) -> Result<()> {
    page.wait_for(
        &format!(
            "document.querySelector('#phase-timer')?.dataset.state === {}",
            js(state)
        ),
        WAIT,
    )
    .await
    .with_context(|| format!("#phase-timer never says data-state={state:?}"))?;
    Ok(())
}

/// Waits until a paused timer shows exactly `ms` on every page, as a number and as
/// `mm:ss`.
async fn wait_paused_at(pages: &[(&str, &Page)], ms: i64) -> Result<()> {
    for (who, page) in pages {
        wait_timer_state(page, "paused").await?;
        wait_remaining(page, &format!("exactly {ms} ms"), |shown| shown == ms)
            .await
            .with_context(|| format!("on the {who}'s page"))?;
        let text = text_of(page, "#phase-timer").await?;
        ensure!(
            text == mm_ss(ms).as_str(),
            "the {who}'s timer reads {text}, not {}",
            mm_ss(ms)
        );
    }
    Ok(())
}

#[tokio::test]
async fn plus_one_and_plus_five_add_minutes_everyone_sees() -> Result<()> {
    require_client()?;
    let server = TestServer::start().await?;
    let session = server
        .create_session_with("Extra tijd", Method::Incident)
        .await?;
    let browser = Browser::launch().await?;
    let people = three_people(&browser, &session, ["Fenna", "Carla", "Piet"]).await?;
    let (fenna, piet) = (&people.facilitator, &people.participant);
    let mut watcher =
        ProtocolClient::connect(&server.ws_url(&session.id), &session.observer).await?;
    for (who, page) in [("case-holder", &people.caseholder), ("participant", piet)] {
        for button in FACILITATOR_BUTTONS {
            ensure!(
                !is_visible(page, button).await?,
                "the {who}'s page offers {button}"
            );
        }
    }
    jump_to_phase(fenna, "pitches", &people.others()).await?;

    // A paused timer: every page shows exactly one, then five more minutes.
    fenna.click("#timer-start").await?;
    stored_facilitation(&mut watcher, "a running timer", |f| {
        matches!(f.timer, Timer::Running { .. })
    })
    .await?;
    fenna.click("#timer-pause").await?;
    let paused = stored_facilitation(&mut watcher, "a paused timer", |f| {
        matches!(f.timer, Timer::Paused { .. })
    })
    .await?;
    let Timer::Paused { remaining_ms: left } = paused.timer else {
        unreachable!("waited for a paused timer")
    };
    wait_paused_at(&people.pages(), left).await?;
    for (button, minutes) in [("#timer-add-1", 1), ("#timer-add-5", 5)] {
        let before = match stored_facilitation(&mut watcher, "the timer", |_| true)
            .await?
            .timer
        {
            Timer::Paused { remaining_ms } => remaining_ms,
            other => anyhow::bail!("the timer is {other:?}, not paused"),
        };
        let expected = before + minutes * MINUTE_MS;
        fenna.click(button).await?;
        stored_facilitation(
            &mut watcher,
            &format!("{button} on the paused timer"),
            |f| {
                f.timer
                    == Timer::Paused {
                        remaining_ms: expected,
                    }
            },
        )
        .await?;
        wait_paused_at(&people.pages(), expected).await?;
    }
    ensure!(
        stored_facilitation(&mut watcher, "the timer", |_| true)
            .await?
            .timer
            == Timer::Paused {
                remaining_ms: left + 6 * MINUTE_MS
            },
        "+1 and +5 did not add six minutes to the paused timer"
    );
    screenshot_all("timer-add", "1-paused", &people.pages()).await?;

    // A running timer: its end moves by exactly the minutes; the countdown jumps up.
    fenna.click("#timer-start").await?;
    let running = stored_facilitation(&mut watcher, "the resumed timer", |f| {
        matches!(f.timer, Timer::Running { .. })
    })
    .await?;
    let Timer::Running { ends_at_ms } = running.timer else {
        unreachable!("waited for a running timer")
    };
    wait_timer_state(piet, "running").await?;
    let mut ends = ends_at_ms;
    for (button, minutes) in [("#timer-add-1", 1), ("#timer-add-5", 5)] {
        let before = remaining_ms(piet)
            .await?
            .context("Piet's running timer shows no time")?;
        fenna.click(button).await?;
        let moved = ends + minutes * MINUTE_MS;
        stored_facilitation(
            &mut watcher,
            &format!("{button} on the running timer"),
            |f| f.timer == Timer::Running { ends_at_ms: moved },
        )
        .await?;
        ends = moved;
        // Read on Piet's page a moment before the click; the other pages' clocks
        // may differ from his by a round trip.
        let added = minutes * MINUTE_MS;
        for (who, page) in people.pages() {
            let shown = wait_remaining(page, &format!("{minutes} more minutes"), |ms| {
                ms > before + added - 10_000 && ms <= before + added + 1_000
            })
            .await
            .with_context(|| format!("on the {who}'s page, which showed {before} ms before"))?;
            ensure!(shown > before, "the {who}'s countdown did not jump up");
        }
    }
    wait_timer_state(piet, "running").await?;
    screenshot_all("timer-add", "2-running", &people.pages()).await?;

    // An idle timer: +1 sets it to one minute, waiting to be started.
    fenna.click("#timer-reset").await?;
    stored_facilitation(&mut watcher, "the stopped timer", |f| {
        f.timer == Timer::Idle
    })
    .await?;
    wait_timer_state(piet, "idle").await?;
    fenna.click("#timer-add-1").await?;
    stored_facilitation(&mut watcher, "+1 on the idle timer", |f| {
        f.timer
            == Timer::Paused {
                remaining_ms: MINUTE_MS,
            }
    })
    .await?;
    wait_paused_at(&people.pages(), MINUTE_MS).await?;
    assert_no_console_errors(&people.pages()).await
}

#[tokio::test]
async fn the_previous_phase_button_goes_back_for_everyone() -> Result<()> {
    require_client()?;
    let server = TestServer::start().await?;
    let session = server
        .create_session_with("Terug naar de pitches", Method::Incident)
        .await?;
    let browser = Browser::launch().await?;
    let people = three_people(&browser, &session, ["Fenna", "Carla", "Piet"]).await?;
    let (fenna, piet) = (&people.facilitator, &people.participant);
    let others = people.others();
    let mut watcher =
        ProtocolClient::connect(&server.ws_url(&session.id), &session.observer).await?;

    ensure!(next_phase(fenna, &others).await? == "pitches");
    let pitches_title = text_of(piet, "#phase-title").await?;
    ensure!(next_phase(fenna, &others).await? == "choose");
    fenna.click("#timer-start").await?;
    stored_facilitation(&mut watcher, "the choice's timer running", |f| {
        f.phase.as_deref() == Some("choose") && matches!(f.timer, Timer::Running { .. })
    })
    .await?;
    wait_timer_state(piet, "running").await?;

    // Back to the pitches: every page follows, the timer stops.
    fenna.click("#phase-prev").await?;
    for (who, page) in people.pages() {
        wait_phase(page, "pitches")
            .await
            .with_context(|| format!("the {who}'s page did not go back"))?;
        wait_timer_state(page, "idle").await?;
    }
    stored_facilitation(&mut watcher, "the pitches again, timer stopped", |f| {
        f.phase.as_deref() == Some("pitches") && f.timer == Timer::Idle
    })
    .await?;
    let title = text_of(piet, "#phase-title").await?;
    ensure!(
        title == pitches_title,
        "back in the pitches the participant's page reads {title}, not {pitches_title}"
    );
    screenshot_all("phase-prev", "1-back", &people.pages()).await?;

    // And back to the start, where the button cannot act.
    fenna.click("#phase-prev").await?;
    for (who, page) in people.pages() {
        wait_phase(page, "review")
            .await
            .with_context(|| format!("the {who}'s page did not go back to the start"))?;
    }
    stored_facilitation(&mut watcher, "the first phase", |f| {
        f.phase.as_deref() == Some("review")
    })
    .await?;
    fenna
        .wait_for(
            "document.querySelector('#phase-prev')?.getAttribute('aria-disabled') === 'true'",
            WAIT,
        )
        .await
        .context("#phase-prev is not aria-disabled in the first phase")?;
    fenna.click("#phase-prev").await?;
    // Whatever that click sent reached the server before the timer start after it.
    fenna.click("#timer-start").await?;
    let after = stored_facilitation(&mut watcher, "the timer started in the review", |f| {
        matches!(f.timer, Timer::Running { .. })
    })
    .await?;
    ensure!(
        after.phase.as_deref() == Some("review"),
        "#phase-prev in the first phase moved to {:?}",
        after.phase
    );
    wait_timer_state(piet, "running").await?;
    ensure!(
        current_phase(piet).await?.as_deref() == Some("review"),
        "the participant's page left the first phase"
    );
    screenshot_all("phase-prev", "2-first", &people.pages()).await?;
    assert_no_console_errors(&people.pages()).await
}
