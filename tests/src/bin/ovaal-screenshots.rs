//! `ovaal-screenshots`: the pictures in `docs/screenshots/` and the README, made from a
//! realistic session (run it with `cargo xtask screenshots`).
//!
//! An in-process server, the [`Scene`] written over the protocol (a Dutch intervision
//! group of twelve in the question round of the incident method, Bram in the hot
//! seat, about sixty cards), then headless Chromium in Dutch: `laptop.png` (the
//! facilitator at 1440 × 960, seated at the head of the table, the timer running),
//! `list.png` (the same board as a list), `phone.png` (a participant at 375 × 667,
//! device scale 2, who writes one more question, then looks at the table) and
//! `room.png` (the room screen on a full-HD projector, 1920 × 1080).
//!
//! Options: `--out DIR` (docs/screenshots).

use std::path::PathBuf;
use std::time::Duration;

use anyhow::{Context, Result};
use ovaal_tests::TestServer;
use ovaal_tests::board_page::{
    add_card, fill_join_form, open_join_screen, prefer_language, require_client,
    set_phone_viewport, take_seat,
};
use ovaal_tests::browser::{Browser, Page};
use ovaal_tests::scene::{FACILITATOR_SEAT, HOT_SEAT, PHONE_QUESTION, PHONE_SEAT, Scene};

const WAIT: Duration = Duration::from_secs(30);

/// A full-HD projector (CSS pixels).
const ROOM: (u32, u32) = (1920, 1080);

/// A common laptop screen (CSS pixels).
const LAPTOP: (u32, u32) = (1440, 960);

fn out_dir() -> Result<PathBuf> {
    let tests_dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = tests_dir
        .parent()
        .unwrap_or(tests_dir)
        .join("docs/screenshots");
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        match flag.as_str() {
            "--out" => out = args.next().context("--out needs a directory")?.into(),
            other => anyhow::bail!("unknown option {other}"),
        }
    }
    std::fs::create_dir_all(&out).with_context(|| format!("cannot create {}", out.display()))?;
    Ok(out)
}

/// Waits until the page shows at least `cards` cards, then takes the picture without a
/// focus ring, scrolled so that `top` (a selector; `None`: the page's top) is at the top.
async fn shoot(page: &Page, cards: usize, top: Option<&str>, path: PathBuf) -> Result<()> {
    page.wait_for(
        &format!("document.querySelectorAll('.card').length >= {cards}"),
        WAIT,
    )
    .await
    .with_context(|| format!("{cards} cards for {}", path.display()))?;
    page.eval("document.activeElement?.blur(); window.scrollTo(0, 0)")
        .await?;
    if let Some(selector) = top {
        page.eval(&format!(
            "document.querySelector({selector:?})?.scrollIntoView({{ block: 'start' }})"
        ))
        .await?;
    }
    // Two frames, so the last layout is painted.
    page.eval("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
        .await?;
    page.screenshot(&path).await?;
    println!("wrote {}", path.display());
    Ok(())
}

#[tokio::main]
async fn main() -> Result<()> {
    require_client()?;
    let out = out_dir()?;
    let server = TestServer::start().await?;
    let mut scene = Scene::write(server.addr, "Intervisie team Zuid").await?;
    let links = scene.session.links.clone();
    let browser = Browser::launch().await?;

    // The facilitator's laptop, seated at the head of the table.
    let laptop = browser.new_page(LAPTOP.0, LAPTOP.1).await?;
    prefer_language(&laptop, "nl-NL").await?;
    open_join_screen(&laptop, &links.facilitator_url).await?;
    fill_join_form(&laptop, "Fenna").await?;
    take_seat(&laptop, FACILITATOR_SEAT).await?;
    laptop
        .wait_for(
            &format!(
                "!!document.querySelector(\"g.seat[data-hot='true']\")?.textContent.includes({HOT_SEAT:?})"
            ),
            WAIT,
        )
        .await
        .with_context(|| format!("the laptop view does not show {HOT_SEAT} in the hot seat"))?;
    // The scene is in the question round with its timer running.
    laptop
        .wait_for(
            "document.querySelector('#phase-timer')?.dataset.state === 'running'",
            WAIT,
        )
        .await
        .context("the laptop does not show the running phase timer")?;

    // A participant on a phone, who writes one more card.
    let phone = browser.new_page(375, 667).await?;
    set_phone_viewport(&phone, 375, 667).await?;
    prefer_language(&phone, "nl-NL").await?;
    open_join_screen(&phone, &links.participant_url).await?;
    fill_join_form(&phone, "Gijs").await?;
    take_seat(&phone, PHONE_SEAT).await?;
    add_card(&phone, "question", PHONE_QUESTION).await?;
    // Close the form again, so the phone shows the board.
    if phone
        .eval("document.querySelector('#compose-open')?.getAttribute('aria-expanded') === 'true'")
        .await?
        == true
    {
        phone.click("#compose-open").await?;
    }
    let cards = scene.cards + 1;
    // Setting up took a while; make sure everyone still shows as online.
    scene.announce_presence().await?;

    shoot(&laptop, cards, None, out.join("laptop.png")).await?;
    // Phones start in the list; the table is one tap away.
    phone.click("button[data-view='table']").await?;
    shoot(&phone, cards, Some("#board"), out.join("phone.png")).await?;

    // The same board as a list.
    laptop.click("button[data-view='list']").await?;
    laptop
        .wait_for(
            &format!("document.querySelectorAll('#list-view li[data-card-id]').length >= {cards}"),
            WAIT,
        )
        .await
        .context("the list view")?;
    shoot(&laptop, 0, None, out.join("list.png")).await?;

    // The room screen on the projector.
    let room = browser.new_page(ROOM.0, ROOM.1).await?;
    prefer_language(&room, "nl-NL").await?;
    room.goto(&scene.session.room_screen_url).await?;
    room.wait_for(
        "document.body.dataset.page === 'room' && !!document.querySelector('#room-qr svg, svg#room-qr')",
        WAIT,
    )
    .await
    .context("the room screen")?;
    shoot(&room, cards, None, out.join("room.png")).await?;
    drop(scene);
    Ok(())
}
