//! The timer's sound at time-up: off by default; the facilitator's `#timer-sound`
//! switch turns it on for their own page and the room screen (a setting in the control
//! document). The room screen, which nobody clicks, asks once for "enable sound"
//! (browsers allow sound only after a gesture); once a page may make sound, time-up
//! plays the tone there (`body[data-sound-played]` counts the tones played). Neither
//! the button nor the time-up notice covers the join code or the QR code.

use anyhow::{Context, Result, ensure};
use ovaal_shared::DocName;
use ovaal_shared::board::facilitation::{Timer, write_timer};
use ovaal_tests::board_page::{
    WAIT, artifact, assert_no_console_errors, is_visible, require_client,
};
use ovaal_tests::browser::{Browser, Page};
use ovaal_tests::facilitation_page::{Person, now_ms, open_as, set_switch, stored_facilitation};
use ovaal_tests::scene::{create_session, ws_url};
use ovaal_tests::{ProtocolClient, TestServer};

async fn sounds_played(page: &Page) -> Result<u64> {
    Ok(page
        .eval("Number(document.body.dataset.soundPlayed ?? 0)")
        .await?
        .as_u64()
        .unwrap_or(0))
}

/// The join code and the QR code are inside the window and nothing lies over them.
async fn join_code_clear(room: &Page, when: &str) -> Result<()> {
    let report = room
        .eval(
            "['#room-join-code', '#room-qr'].map(s => { const e = document.querySelector(s); \
             if (!e) return s + ' missing'; const r = e.getBoundingClientRect(); \
             const inside = r.width > 0 && r.height > 0 && r.left >= 0 && r.top >= 0 && \
             r.right <= window.innerWidth && r.bottom <= window.innerHeight; \
             const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2); \
             const clear = !!hit && (e === hit || e.contains(hit)); \
             return inside && clear ? null : s + ' covered or cut'; }).filter(x => x)",
        )
        .await?;
    ensure!(
        report.as_array().is_some_and(Vec::is_empty),
        "{when}: {report}"
    );
    Ok(())
}

#[tokio::test]
async fn the_facilitator_turns_the_sound_on_and_time_up_plays_it() -> Result<()> {
    require_client()?;
    let server = TestServer::start().await?;
    let session = create_session(server.addr, "Met een belletje", "incident", 8).await?;
    let mut control =
        ProtocolClient::connect(&ws_url(server.addr, &session), &session.links.facilitator).await?;
    let browser = Browser::launch().await?;
    let fenna = browser.new_page(1280, 900).await?;
    open_as(
        &fenna,
        Person::Facilitator,
        &session.links.facilitator_url,
        "Fenna",
        Some(0),
    )
    .await?;
    let room = browser.new_page(1280, 720).await?;
    room.goto(&session.room_screen_url).await?;
    room.wait_for(
        "document.body.dataset.page === 'room' && document.body.dataset.connection === 'connected'",
        WAIT,
    )
    .await?;

    // Off by default: no button on the room screen.
    ensure!(
        fenna
            .eval("document.querySelector('#timer-sound')?.checked")
            .await?
            == false,
        "the timer's sound is on by default"
    );
    ensure!(!is_visible(&room, "#sound-enable").await?);

    set_switch(&fenna, "#timer-sound", true).await?;
    stored_facilitation(&mut control, "the sound on", |f| f.timer_sound).await?;
    room.wait_for(
        "(() => { const b = document.querySelector('#sound-enable'); \
         return !!b && b.getClientRects().length > 0; })()",
        WAIT,
    )
    .await
    .context("the room screen does not ask to enable the sound")?;
    join_code_clear(&room, "with the enable-sound button").await?;
    room.screenshot(artifact("timer-sound-room-ask.png"))
        .await?;
    room.click("#sound-enable").await?;
    room.wait_for(
        "!document.querySelector('#sound-enable')?.getClientRects().length",
        WAIT,
    )
    .await
    .context("the enable-sound button stays after it was pressed")?;

    // Time is up in 1.5 s: both pages play the tone, the room screen's notice leaves
    // the join code and the QR code in view.
    control
        .edit(&DocName::Control, |doc| {
            write_timer(
                doc,
                Timer::Running {
                    ends_at_ms: now_ms() + 1_500,
                },
            );
        })
        .await?;
    control.round_trip().await?;
    for (who, page) in [("facilitator", &fenna), ("room screen", &room)] {
        page.wait_for("Number(document.body.dataset.soundPlayed ?? 0) >= 1", WAIT)
            .await
            .with_context(|| format!("the {who}'s page played no sound at time-up"))?;
    }
    room.wait_for("!!document.querySelector('#notices .toast.timer')", WAIT)
        .await?;
    join_code_clear(&room, "with the time-up notice").await?;
    room.screenshot(artifact("timer-sound-room-time-up.png"))
        .await?;

    // Off again: the next time-up is silent.
    set_switch(&fenna, "#timer-sound", false).await?;
    stored_facilitation(&mut control, "the sound off", |f| !f.timer_sound).await?;
    let before = sounds_played(&room).await?;
    control
        .edit(&DocName::Control, |doc| {
            write_timer(
                doc,
                Timer::Running {
                    ends_at_ms: now_ms() + 1_000,
                },
            );
        })
        .await?;
    control.round_trip().await?;
    room.wait_for(
        "document.querySelector('#room-timer')?.dataset.state === 'done'",
        WAIT,
    )
    .await?;
    tokio::time::sleep(std::time::Duration::from_millis(1_500)).await;
    ensure!(
        sounds_played(&room).await? == before,
        "the room screen played the sound after it was turned off"
    );
    assert_no_console_errors(&[("facilitator", &fenna), ("room screen", &room)]).await?;
    Ok(())
}
